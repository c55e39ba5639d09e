import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

/**
 * A sample clip made on the spot from ffmpeg's test sources (testsrc2 and a 440 Hz tone), the
 * studio page's own suggestion: nothing is downloaded, and the pipeline gets a real H.264/AAC MP4.
 * The simulator uploads one, the suite's clips start from one, and the benchmark transcodes them.
 */
export async function makeSampleClip(seconds: number, size = '320x180'): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'wired-netflix-sample-'))
  const path = join(dir, 'sample.mp4')
  try {
    await promisify(execFile)('ffmpeg', [
      ...['-v', 'error', '-y'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=24:duration=${seconds}`],
      ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path],
    ])
    return await readFile(path)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
