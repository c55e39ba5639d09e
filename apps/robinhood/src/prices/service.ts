import { defineService, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { createWsGateway, type WsGateway } from '@wired/ws'
import { marketKeys } from '../shared/market-feed'
import { sessionTokens } from '../shared/session-token'
import { MarketFeedReader } from './adapters/market-feed-reader'
import type { PricesConfig } from './config'
import { TickerRing } from './domain/ticker-ring'
import { buildPricesApp } from './entrypoints/http-app'
import { protobufFrames, SUBPROTOCOLS } from './entrypoints/price-frames'
import { pricesSocket, type Trader } from './entrypoints/prices.gateway'
import { PriceStream } from './use-cases/stream-prices'

/** The price gateway: WebSocket prices (JSON or protobuf), the SSE ticker and the markets page. */
export function createService(config: PricesConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const redis = openRedis(deps, shutdown, config.redisUrl)
    // SUBSCRIBE takes a connection over: the feed gets its own.
    const subscriber = redis.duplicate()
    shutdown.defer(() => subscriber.quit())
    const feed = new MarketFeedReader(redis, subscriber, marketKeys(config.redisKeyPrefix), logger)
    let gateway: WsGateway<Trader> | undefined
    const stream = new PriceStream(feed, new TickerRing(config.tickerRingBatches), config)
    await stream.start()
    shutdown.defer(() => stream.stop())

    const { app, closeStreams } = await buildPricesApp({
      stream,
      logger,
      allowedOrigins: config.allowedOrigins,
      maxSymbols: config.maxSymbolsPerClient,
      holdBackBytes: config.holdBackBytes,
      wireCollectorUrl: config.wireCollectorUrl,
      stats: () => {
        const cpu = process.cpuUsage()
        return {
          openSockets: gateway?.openConnections ?? 0,
          ...stream.stats,
          cpuUserMicros: cpu.user,
          cpuSystemMicros: cpu.system,
          rssBytes: process.memoryUsage.rss(),
        }
      },
    })
    app.addReadinessCheck('redis', async () => {
      await redis.hget(marketKeys(config.redisKeyPrefix).lastPrices, 'readiness-probe')
    })
    await app.listen({ host: config.bindHost, port: config.httpPort })
    // close() cuts what is still open after a grace period (@wired/http), an abandoned SSE socket too.
    shutdown.defer(() => app.close())
    shutdown.defer(closeStreams)

    const tokens = sessionTokens(config.grpcSecret)
    gateway = createWsGateway<Trader>({
      server: app.server,
      path: '/ws',
      // Checked in the HTTP upgrade: a missing or bad token is a 401 and no socket opens.
      authenticate: async (token) => ({ accountId: tokens.verify(token) }),
      allowedOrigins: config.allowedOrigins,
      // A subscribe naming 50 symbols is < 1 KiB; 16 KiB leaves room for a hostile 1,000-symbol
      // frame to be answered with a clear error rather than a 1009 close.
      maxPayload: 16 * 1024,
      rateLimit: { messages: config.rateLimitPerSecond, perMs: 1_000 },
      heartbeatMs: config.heartbeatMs,
      binaryCodecs: { [SUBPROTOCOLS.protobuf]: protobufFrames },
      logger,
      onConnection: pricesSocket(stream, config.holdBackBytes, logger),
    })
    shutdown.defer(() => gateway.close())
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.httpPort
    return { http: `http://${config.bindHost}:${port}`, ws: `ws://${config.bindHost}:${port}/ws` }
  }, logger)
}
