/**
 * The cut itself: ffmpeg's concat protocol joins the MPEG-TS segments byte for byte (they are one
 * continuous transport stream) and `-c copy` remuxes them into an MP4 without re-encoding, so a
 * 30 s clip costs a fraction of a second of CPU. Written under a temporary name and renamed: a
 * clip that exists is a whole clip (what makes a redelivered job safe to skip).
 */
import { execFile } from 'node:child_process'
import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export async function concatToMp4(segmentFiles: string[], outFile: string): Promise<void> {
  await mkdir(dirname(outFile), { recursive: true })
  const temporary = `${outFile}.${process.pid}.tmp`
  try {
    await run(
      'ffmpeg',
      [
        ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'],
        ...['-i', `concat:${segmentFiles.join('|')}`],
        ...['-map', '0:v:0', '-map', '0:a:0?', '-c', 'copy', '-bsf:a', 'aac_adtstoasc'],
        ...['-movflags', '+faststart', '-f', 'mp4', temporary],
      ],
      { timeout: 60_000 },
    )
    await rename(temporary, outFile)
  } finally {
    await rm(temporary, { force: true })
  }
}

/** The duration ffprobe reads from the file, in ms. */
export async function durationMsOf(file: string): Promise<number> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file])
  return Math.round(Number(stdout.trim()) * 1000)
}
