import { defineService, type ServiceDeps } from '@wired/kit'
import { seededRandom, silentLogger } from '@wired/runtime'
import type { BotsConfig } from './config'
import { emptyTally, progressLine } from './domain/progress'
import { playMatches } from './use-cases/play-matches'

/**
 * The bots (the scenario's simulator): SIM_BOTS players who sign up and matchmake over REST and
 * play over TCP + UDP, through the loss proxy by default, so a person opening the page has
 * someone to play against. A client of the scenario: it listens on nothing and owns no data.
 */
export function createService(config: BotsConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    if (config.bots === 0) {
      // Off, but still up: as its own process nothing else would keep Node running.
      const idle = setInterval(() => {}, 60_000)
      shutdown.defer(() => clearInterval(idle))
      return {}
    }
    const stopping = new AbortController()
    let recent = emptyTally()
    let since = performance.now()
    const playing = { count: 0 }
    const seed = Date.now() % 2 ** 31
    const running = Array.from({ length: config.bots }, (_, i) =>
      playMatches({
        apiUrl: config.apiUrl,
        name: `${config.namePrefix} ${i + 1}`,
        viaNetem: config.viaNetem,
        addressOverrides: config.addressOverrides,
        random: seededRandom(seed + i),
        get tallies() {
          return [recent]
        },
        playing,
        logger,
        signal: stopping.signal,
      }),
    )
    shutdown.defer(async () => {
      stopping.abort()
      await Promise.allSettled(running)
    })
    const progress = setInterval(() => {
      const line = progressLine(playing.count, config.bots, recent, (performance.now() - since) / 1000)
      recent = emptyTally()
      since = performance.now()
      logger.info(line)
      if (config.progressToStdout) process.stdout.write(`${line}\n`)
    }, config.progressEveryMs)
    shutdown.defer(() => clearInterval(progress))
    return {}
  }, logger)
}
