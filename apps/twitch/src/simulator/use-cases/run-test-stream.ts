import type { Logger } from '@wired/runtime'
import { startTestStream } from '../../shared/test-stream'
import type { ApiClient } from '../adapters/api.client'

/**
 * One simulated streamer: signs up (`demo`, or `demo_2`… when a name was taken by an earlier run,
 * whose token is gone), asks the api for its stream key, and publishes ffmpeg's test pattern over
 * RTMP, starting again whenever the stream ends (an idle timeout, a stop from the streamer page).
 */
export async function runTestStream(
  index: number,
  deps: { api: ApiClient; logger: Logger; signal: AbortSignal; live: Set<number> },
): Promise<void> {
  const { api, logger, signal } = deps
  let user: { name: string; token: string } | undefined
  for (let attempt = 0; !user && attempt < 20 && !signal.aborted; attempt++) {
    const name = index === 0 && attempt === 0 ? 'demo' : `demo_${index * 20 + attempt + 1}`
    user = await api.signUp(name).catch((error: unknown) => {
      logger.warn({ err: error, name }, 'sign-up failed; retrying')
      return pause(2_000, signal).then(() => undefined)
    })
  }
  if (!user) return
  while (!signal.aborted) {
    try {
      const { rtmpUrl, streamKey } = await api.streamKey(user.token)
      const stream = await startTestStream({ url: `${rtmpUrl}/${streamKey}` })
      deps.live.add(index)
      logger.info({ channel: user.name }, 'test stream publishing')
      const stop = () => void stream.stop()
      signal.addEventListener('abort', stop, { once: true })
      await stream.exited
      signal.removeEventListener('abort', stop)
    } catch (error) {
      logger.warn({ err: error, channel: user.name }, 'test stream failed')
    } finally {
      deps.live.delete(index)
    }
    await pause(2_000, signal)
  }
}

/** Waits ms, or less if the simulator stops; the abort listener goes with the wait (no leak per loop). */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })

export { pause }
