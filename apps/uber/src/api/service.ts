import cors from '@fastify/cors'
import { createGrpcClient } from '@wired/grpc'
import { bearerAuth, createHttpServer } from '@wired/http'
import { defineService, openRedis, type ServiceDeps } from '@wired/kit'
import { PricingServiceClient } from '@wired/proto/uber/v1/pricing'
import { RideServiceClient } from '@wired/proto/uber/v1/rides'
import type { RedisClient } from '@wired/redis'
import type { Logger } from '@wired/runtime'
import { silentLogger } from '@wired/runtime'
import type pg from 'pg'
import { createTokenIssuer } from '../shared/auth/tokens'
import { openUberDatabase } from '../shared/database'
import { createAccounts } from './adapters/accounts'
import { createPayments } from './adapters/payments'
import { createRedisIdempotencyStore } from './adapters/redis-idempotency-store'
import type { ApiConfig } from './config'
import { accountRoutes } from './entrypoints/account.routes'
import { rideRoutes } from './entrypoints/ride.routes'

export interface ApiDeps {
  pool: pg.Pool
  redis: RedisClient
  logger: Logger
}

/** The REST api's composition root (fastify/demo style: build here, listen in start()). */
export function createApiService(config: ApiConfig, deps: ApiDeps) {
  const tokens = createTokenIssuer(config.authSecret)
  const caller = { name: 'api', secret: config.grpcSecret }
  const rides = createGrpcClient(RideServiceClient, config.rideAddress, { deadlineMs: 3_000, caller })
  const pricing = createGrpcClient(PricingServiceClient, config.pricingAddress, { deadlineMs: 1_000, caller })
  const app = createHttpServer({
    name: 'api',
    logger: deps.logger,
    rateLimit: { max: config.requestsPerMinute, timeWindowMs: 60_000 },
  })
  app.register(cors, {
    origin: config.allowedOrigins === '*' ? true : config.allowedOrigins,
    // traceparent: the page's wire panel asks for a request to be traced.
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'traceparent'],
    exposedHeaders: ['idempotent-replayed', 'retry-after'],
    methods: ['GET', 'POST', 'PATCH'],
  })
  const authenticate = bearerAuth(async (token) => {
    const claims = tokens.verify(token)
    return { id: claims.sub, roles: [claims.role] }
  })
  accountRoutes(app, { accounts: createAccounts(deps.pool), tokens, authenticate })
  rideRoutes(app, {
    rides,
    pricing,
    payments: createPayments(deps.pool),
    idempotencyStore: createRedisIdempotencyStore(deps.redis, config.redisKeyPrefix),
    authenticate,
  })
  app.addReadinessCheck('postgres', async () => {
    await deps.pool.query('SELECT 1')
  })

  return {
    app,
    get url() {
      const address = app.server.address()
      return typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
    },
    async start() {
      await app.listen({ port: config.port, host: config.host })
    },
    async stop() {
      await app.close()
      rides.close()
      pricing.close()
    },
  }
}

/**
 * The service as every Wired service is built: it opens its own Kafka, Redis and database
 * clients from config (or takes the embedded mode's twins from deps) and closes them at stop().
 */
export function createService(config: ApiConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const pool = await openUberDatabase(config.databaseUrl, logger, shutdown)
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const service = createApiService(config, { pool, redis, logger })
    await service.start()
    shutdown.defer(() => service.stop())
    return { http: service.url }
  }, logger)
}
