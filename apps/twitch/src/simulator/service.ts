import { defineService, type ServiceDeps } from '@wired/kit'
import { seededRandom, silentLogger } from '@wired/runtime'
import { apiClient } from './adapters/api.client'
import type { SimulatorConfig } from './config'
import { emptyTally, progressLine } from './domain/chat-lines'
import { runChatter } from './use-cases/chatter'
import { runTestStream } from './use-cases/run-test-stream'

/**
 * The simulator: SIM_STREAMS test streams (ffmpeg over RTMP, keys from the api) and SIM_CHATTERS
 * viewers chatting on both chat servers, so the pages have something to show. A client of the
 * scenario: it listens on nothing and owns no data.
 */
export function createService(config: SimulatorConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    if (config.streams === 0 && config.chatters === 0) {
      // Off, but still up: as its own process nothing else would keep Node running.
      const idle = setInterval(() => {}, 60_000)
      shutdown.defer(() => clearInterval(idle))
      return {}
    }
    const api = apiClient(config.apiUrl, { rtmpUrl: config.rtmpUrl, chatUrls: config.chatUrls })
    const stopping = new AbortController()
    const live = new Set<number>()
    const connected = new Set<number>()
    let tally = emptyTally()
    let since = performance.now()
    const random = seededRandom(Date.now() % 2 ** 31)
    const running = [
      ...Array.from({ length: config.streams }, (_, i) =>
        runTestStream(i, { api, logger, signal: stopping.signal, live }),
      ),
      ...Array.from({ length: config.chatters }, (_, i) =>
        runChatter(i, {
          api,
          everyMs: config.chatEveryMs,
          random,
          tally: () => tally,
          connected,
          logger,
          signal: stopping.signal,
        }),
      ),
    ]
    shutdown.defer(async () => {
      stopping.abort()
      await Promise.allSettled(running)
    })
    const progress = setInterval(() => {
      const state = { live: live.size, streams: config.streams, connected: connected.size, chatters: config.chatters }
      const line = progressLine(state, tally, (performance.now() - since) / 1000)
      tally = emptyTally()
      since = performance.now()
      logger.info(line)
      if (config.progressToStdout) process.stdout.write(`${line}\n`)
    }, config.progressEveryMs)
    shutdown.defer(() => clearInterval(progress))
    return {}
  }, logger)
}
