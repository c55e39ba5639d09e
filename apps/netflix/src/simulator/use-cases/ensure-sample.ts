import type { Logger } from '@wired/runtime'
import { makeSampleClip } from '../../shared/sample-clip'
import type { ApiClient } from '../adapters/api-client'
import { needsSample } from '../domain/viewing'
import { pause } from './pause'

export interface SampleOptions {
  /** The studio account the sample is uploaded as (a session by name, like the studio page). */
  studioName: string
  seconds: number
  signal: AbortSignal
  logger: Logger
}

/**
 * Something to watch: when the catalogue has no ready video, make a clip with ffmpeg, sign in and
 * upload it over REST as the studio page would, then wait until the pipeline has made it ready.
 * Its own earlier upload still in the pipeline counts (a restarted simulator waits for that one
 * instead of uploading another). Two simulators started at the same instant could both upload:
 * this is a demo's seed, not an exactly-once guarantee.
 */
export async function ensureSampleVideo(api: ApiClient, options: SampleOptions): Promise<void> {
  const { logger, signal } = options
  const token = await api.signIn(options.studioName)
  const [ready, mine] = await Promise.all([api.readyVideos(), api.myVideos(token)])
  if (
    needsSample(
      ready.length,
      mine.map((video) => video.state),
    )
  ) {
    const clip = await makeSampleClip(options.seconds)
    const video = await api.upload(token, 'Sample: test pattern and a 440 Hz tone', clip)
    logger.info({ videoId: video.id, bytes: clip.length }, 'sample clip uploaded')
  }
  while (!signal.aborted && (await api.readyVideos()).length === 0) await pause(1_000, signal)
  if (!signal.aborted) logger.info({}, 'a video is ready to watch')
}
