import type { Logger } from '@wired/runtime'
import type { EdgeClient } from '../adapters/edge-client'
import { progressLine } from '../domain/viewing'
import type { ViewingCounters } from './watch-videos'

interface EdgeStats {
  requests: number
  hits: number
  hitRatio: number
}

/**
 * Every few seconds: viewers watching, segments fetched per second since the last line, and the
 * edge's hit ratio over the same interval, from its own GET /stats (the cumulative ratio when
 * nothing was requested in between). Returns the stop function.
 */
export function reportProgress(
  edge: EdgeClient,
  counters: ViewingCounters,
  options: { everyMs: number; toStdout: boolean; logger: Logger },
) {
  let last = { at: performance.now(), segments: counters.segments, stats: undefined as EdgeStats | undefined }
  const timer = setInterval(async () => {
    const stats = await edge
      .text('/stats')
      .then((text) => JSON.parse(text).data as EdgeStats)
      .catch(() => undefined)
    const before = last.stats
    const requests = stats && before ? stats.requests - before.requests : 0
    const hitRatio = stats && before && requests > 0 ? (stats.hits - before.hits) / requests : stats?.hitRatio
    const now = performance.now()
    const progress = {
      watching: counters.watching,
      segments: counters.segments - last.segments,
      seconds: (now - last.at) / 1000,
      hitRatio,
    }
    last = { at: now, segments: counters.segments, stats }
    const line = progressLine(progress)
    options.logger.info({ ...progress, failures: counters.failures }, line)
    // `./wired start` logs at warn: the person at the terminal still sees the viewers at work.
    if (options.toStdout) process.stdout.write(`${line}\n`)
  }, options.everyMs)
  return () => clearInterval(timer)
}
