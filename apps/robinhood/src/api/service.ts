import { defineService, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { connectOrders, connectPortfolio } from '../shared/clients'
import { marketKeys } from '../shared/market-feed'
import { sessionTokens } from '../shared/session-token'
import { MarketReader } from './adapters/market-reader'
import type { ApiConfig } from './config'
import { buildApiApp } from './entrypoints/http-app'

/** The REST API (accounts, orders, portfolio, notices) and the trading page that uses it. */
export function createService(config: ApiConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const caller = { name: 'api', secret: config.grpcSecret }
    const orders = connectOrders(config.ordersAddress, caller)
    const portfolio = connectPortfolio(config.portfolioAddress, caller, 5_000)
    shutdown.defer(() => {
      orders.close()
      portfolio.close()
    })
    const keys = marketKeys(config.redisKeyPrefix)
    const app = await buildApiApp({
      orders,
      portfolio,
      market: new MarketReader(redis, keys, config.redisKeyPrefix),
      tokens: sessionTokens(config.grpcSecret),
      logger,
      rateLimitPerMinute: config.rateLimitPerMinute,
      page: { pricesUrl: config.pricesPublicUrl },
      wireCollectorUrl: config.wireCollectorUrl,
    })
    app.addReadinessCheck('redis', async () => {
      await redis.hget(keys.lastPrices, '-')
    })
    await app.listen({ host: config.bindHost, port: config.httpPort })
    shutdown.defer(() => app.close())
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.httpPort
    return { http: `http://${config.bindHost}:${port}` }
  }, logger)
}
