import { defineService, type ServiceDeps } from '@wired/kit'
import { seededRandom, silentLogger } from '@wired/runtime'
import { CATALOG } from '../shared/catalog'
import { signInWhenOpen, unitsLeft } from './adapters/shop.client'
import type { SimulatorConfig } from './config'
import { emptyTally, progressLine } from './domain/progress'
import { shopAround } from './use-cases/shop-around'

/**
 * The shopper simulator: SIM_SHOPPERS customers who sign in and shop over REST and GraphQL, so
 * `./wired start amazon` shows orders going through the gRPC checkout, the Kafka consumers at
 * work and stock going down. A client of the scenario: it listens on nothing and owns no data.
 */
export function createService(config: SimulatorConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    if (config.shoppers === 0) {
      // Off, but still up: as its own process (compose) nothing else would keep Node running,
      // and a container that exits is restarted and never healthy.
      const idle = setInterval(() => {}, 60_000)
      shutdown.defer(() => clearInterval(idle))
      logger.info('simulator off (SIM_SHOPPERS=0)')
      return {}
    }
    const stopping = new AbortController()
    const total = emptyTally()
    let recent = emptyTally()
    let since = performance.now()
    const seed = config.seed || Date.now() % 2 ** 31
    const running = Array.from({ length: config.shoppers }, async (_, i) => {
      const name = `${config.namePrefix}-${i + 1}`
      const shop = await signInWhenOpen(config.apiUrl, name, stopping.signal)
      if (!shop) return
      await shopAround({
        name,
        shop,
        random: seededRandom(seed + i),
        paceMs: config.paceMs,
        // Read at each step, so the progress line can swap the interval's tally underneath.
        get tallies() {
          return [total, recent]
        },
        logger,
        signal: stopping.signal,
      })
    })
    shutdown.defer(async () => {
      stopping.abort()
      await Promise.allSettled(running)
    })

    // Units left over the whole catalogue, as the product pages show them (GraphQL, 50 a query).
    const skus = CATALOG.map((item) => item.sku)
    const stockLeft = async () => {
      let sum = 0
      for (let i = 0; i < skus.length; i += 50)
        sum += await unitsLeft(config.apiUrl, skus.slice(i, i + 50), stopping.signal)
      return sum
    }
    const progress = setInterval(async () => {
      const seconds = (performance.now() - since) / 1000
      const interval = recent
      recent = emptyTally()
      since = performance.now()
      const units = await stockLeft().catch(() => undefined)
      if (stopping.signal.aborted) return
      const line = progressLine({ shoppers: config.shoppers, recent: interval, seconds, total, unitsLeft: units })
      logger.info({ ...total }, line)
      if (config.progressToStdout) process.stdout.write(`${line}\n`)
    }, config.progressEveryMs)
    shutdown.defer(() => clearInterval(progress))
    logger.info({ shoppers: config.shoppers, paceMs: config.paceMs, seed }, 'shoppers on their way to the shop')
    return {}
  }, logger)
}
