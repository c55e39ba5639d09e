import { readFile } from 'node:fs/promises'
import type { VideoModerated, VideoThumbnailed } from '@wired/proto/netflix/v1/events'
import { resolveKey, videoKeys } from '../../shared/object-store'
import { review } from '../domain/review'

/** Reads the master playlist, then every rendition it lists, and reviews them: same input, same verdict. */
export async function moderateVideo(
  dataDir: string,
  thumbnailed: VideoThumbnailed,
): Promise<{ videoId: string; output: VideoModerated }> {
  const keys = videoKeys(thumbnailed.videoId)
  const master = await readFile(resolveKey(dataDir, keys.master), 'utf8')
  const media = master.split('\n').filter((line) => line.endsWith('.m3u8'))
  const playlists = await Promise.all(
    media.map((name) => readFile(resolveKey(dataDir, `${keys.dir}/${name}`), 'utf8').catch(() => '')),
  )
  const verdict = playlists.length === 0 ? { approved: false, reason: 'no renditions' } : review(playlists)
  return { videoId: thumbnailed.videoId, output: { videoId: thumbnailed.videoId, ...verdict } }
}
