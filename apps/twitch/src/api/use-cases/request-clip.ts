import { randomBytes } from 'node:crypto'
import { AppError } from '@wired/runtime'
import type { ClipRepository } from '../adapters/clip.repository'
import type { ClipJobsPublisher } from '../adapters/clip-jobs.publisher'
import type { StreamRepository } from '../adapters/stream.repository'

/** The clipper cuts this much from the end of the live stream. */
export const CLIP_SECONDS = 30

/**
 * A viewer clips the last 30 s: check the channel is live → record the clip as pending → publish
 * ClipRequested (twitch.clip-jobs). The clipper answers on twitch.clip-results; the row is
 * removed again if the job cannot be published, so no clip waits for a job that was never sent.
 */
export async function requestClip(
  input: { channel: string; requestedBy: string },
  deps: { streams: StreamRepository; clips: ClipRepository; jobs: ClipJobsPublisher },
): Promise<{ clipId: string; status: 'pending' }> {
  const stream = await deps.streams.latest(input.channel)
  if (!stream || stream.endedAt !== null) throw new AppError('CONFLICT', `#${input.channel} is not live`)
  const clipId = `c_${randomBytes(12).toString('base64url')}`
  const job = { clipId, channel: input.channel, streamId: stream.streamId, requestedBy: input.requestedBy }
  await deps.clips.create(job)
  try {
    await deps.jobs.requested({ ...job, seconds: CLIP_SECONDS })
  } catch (error) {
    await deps.clips.remove(clipId)
    throw error
  }
  return { clipId, status: 'pending' }
}
