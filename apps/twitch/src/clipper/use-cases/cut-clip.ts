/**
 * One clip job: check it → skip if the clip is already cut (a redelivered job) → read the stream's
 * 360p playlist → cut its last N seconds → the answer for twitch.clip-results. A job that cannot
 * be done (unknown stream, bad id) is answered `failed` with the reason: a clear error, nothing
 * written, and no retries for a job that would fail the same way every time.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ClipFinished, ClipRequested } from '@wired/proto/twitch/v1/events'
import type { Logger } from '@wired/runtime'
import { clipKey, isClipId, isStreamId, streamKeys } from '../../shared/media-paths'
import { concatToMp4, durationMsOf } from '../adapters/ffmpeg-clip'
import { clipSeconds, lastSeconds, segmentsOf } from '../domain/clip-window'

const CLIP_RENDITION = '360p'

export async function cutClip(job: ClipRequested, deps: { mediaDir: string; logger: Logger }): Promise<ClipFinished> {
  const failed = (error: string): ClipFinished => ({
    clipId: job.clipId,
    channel: job.channel,
    status: 'failed',
    path: '',
    durationMs: 0,
    error,
  })
  const seconds = clipSeconds(job.seconds)
  if (!isClipId(job.clipId)) return failed('invalid clip id')
  if (!isStreamId(job.streamId)) return failed('invalid stream id')
  if (!seconds) return failed('seconds: 1–60')
  const key = clipKey(job.clipId)
  const outFile = join(deps.mediaDir, key)
  const ready = async (): Promise<ClipFinished> => ({
    clipId: job.clipId,
    channel: job.channel,
    status: 'ready',
    path: key,
    durationMs: await durationMsOf(outFile),
    error: '',
  })
  if (existsSync(outFile)) return ready() // cut already: a redelivered job

  const playlistFile = join(deps.mediaDir, streamKeys(job.streamId).playlist(CLIP_RENDITION))
  let playlist: string
  try {
    playlist = await readFile(playlistFile, 'utf8')
  } catch {
    return failed(`no such stream: ${job.streamId}`)
  }
  const segments = lastSeconds(segmentsOf(playlist), seconds)
  if (segments.length === 0) return failed('the stream has no video yet')
  const dir = join(deps.mediaDir, streamKeys(job.streamId).dir, CLIP_RENDITION)
  await concatToMp4(
    segments.map((segment) => join(dir, segment.uri)),
    outFile,
  )
  const answer = await ready()
  deps.logger.info({ clipId: job.clipId, streamId: job.streamId, durationMs: answer.durationMs }, 'clip cut')
  return answer
}
