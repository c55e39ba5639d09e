/** One JPEG frame from 1 s in (or the first frame of a shorter clip), 320 px wide; rewriting it is harmless. */
import { execFile } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { promisify } from 'node:util'
import type { VideoThumbnailed, VideoTranscoded } from '@wired/proto/netflix/v1/events'
import { resolveKey, videoKeys } from '../../shared/object-store'

const run = promisify(execFile)

export async function makeThumbnail(
  dataDir: string,
  transcoded: VideoTranscoded,
): Promise<{ videoId: string; output: VideoThumbnailed }> {
  const keys = videoKeys(transcoded.videoId)
  const source = resolveKey(dataDir, `${keys.dir}/${transcoded.renditions[0]}/index.m3u8`)
  const target = resolveKey(dataDir, keys.thumbnail)
  await mkdir(dirname(target), { recursive: true })
  await run('ffmpeg', ['-v', 'error', '-y', '-i', source, '-vf', 'thumbnail,scale=320:-2', '-frames:v', '1', target], {
    timeout: 60_000,
  })
  return { videoId: transcoded.videoId, output: { videoId: transcoded.videoId, thumbnailKey: keys.thumbnail } }
}
