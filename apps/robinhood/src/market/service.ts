import { defineService, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { marketKeys } from '../shared/market-feed'
import { LISTINGS } from '../shared/symbols'
import { TickPublisher } from './adapters/tick-publisher'
import type { MarketConfig } from './config'
import { RandomWalk } from './domain/random-walk'
import { runMarket } from './use-cases/run-market'

/** The market-data simulator: random walks for the 500 listed symbols, published to Redis. */
export function createService(config: MarketConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const publisher = new TickPublisher(redis, marketKeys(config.redisKeyPrefix))
    await publisher.writeOpening(LISTINGS.map((listing) => ({ symbol: listing.symbol, priceCents: listing.openCents })))
    const market = runMarket(new RandomWalk(LISTINGS), publisher, config, logger)
    shutdown.defer(() => market.stop())
    logger.info({ epoch: market.epoch, symbols: LISTINGS.length, ticksPerSecond: config.ticksPerSecond }, 'market open')
    return {}
  }, logger)
}
