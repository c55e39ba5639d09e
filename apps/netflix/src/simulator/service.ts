import { defineService, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { ApiClient } from './adapters/api-client'
import { EdgeClient } from './adapters/edge-client'
import type { SimulatorConfig } from './config'
import { ensureSampleVideo } from './use-cases/ensure-sample'
import { pause } from './use-cases/pause'
import { reportProgress } from './use-cases/report-progress'
import { type ViewingCounters, watchVideos } from './use-cases/watch-videos'

/**
 * The viewer simulator: a client of the scenario through its public protocols only (REST to the
 * api, HTTP/2 + TLS to the edge). start() resolves at once; the sample upload and the viewers run
 * in the background, so the pages are up while the first clip goes through the pipeline.
 */
export function createService(config: SimulatorConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const stopping = new AbortController()
    const api = new ApiClient(config.apiUrl)
    const counters: ViewingCounters = { watching: 0, segments: 0, failures: 0 }
    const statsClient = new EdgeClient(config.edgeUrl)
    shutdown.defer(() => statsClient.close())
    // Nothing else holds the event loop once the viewers are off (SIM_VIEWERS=0) or done: without
    // this, main.ts's process would exit after the sample is ready and compose would restart it.
    const holdOpen = setInterval(() => undefined, 60_000)
    shutdown.defer(() => clearInterval(holdOpen))
    const running = (async () => {
      // The api may still be starting (compose restarts, a slow first migration): try until it answers.
      for (;;) {
        try {
          await ensureSampleVideo(api, { ...config, seconds: config.sampleSeconds, signal: stopping.signal, logger })
          break
        } catch (error) {
          if (stopping.signal.aborted) return
          logger.warn({ err: error }, 'no sample video yet; trying again')
          await pause(2_000, stopping.signal)
        }
      }
      if (config.viewers === 0 || stopping.signal.aborted) return
      const stopReporting = reportProgress(statsClient, counters, {
        everyMs: config.progressEveryMs,
        toStdout: config.progressToStdout,
        logger,
      })
      try {
        await watchVideos(api, config.edgeUrl, { ...config, signal: stopping.signal, logger }, counters)
      } finally {
        stopReporting()
      }
    })().catch((error: unknown) => logger.error({ err: error }, 'simulator stopped on an error'))
    shutdown.defer(async () => {
      stopping.abort()
      await running
    })
    logger.info({ viewers: config.viewers, speedup: config.speedup }, 'viewer simulator started')
    return {}
  }, logger)
}
