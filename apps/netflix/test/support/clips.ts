/**
 * Sample clips made on the spot with ffmpeg's test sources (testsrc2 + a sine tone), never
 * downloaded: a good one, the same cut short (its index is at the end, so ffprobe refuses it),
 * and a text file named .mp4.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function makeClips(seconds = 4) {
  const dir = mkdtempSync(join(tmpdir(), 'wired-netflix-clips-'))
  const path = join(dir, 'clip.mp4')
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=320x180:rate=24:duration=${seconds}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${seconds}`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-shortest',
    path,
  ])
  const good = readFileSync(path)
  rmSync(dir, { recursive: true, force: true })
  return {
    good,
    truncated: good.subarray(0, Math.floor(good.length / 2)),
    notVideo: Buffer.from('this is not a video, whatever its name says\n'.repeat(50)),
  }
}
