import {
  type Env,
  readBindHost,
  readGrpcAddress,
  readGrpcSecret,
  readInt,
  readLogLevel,
  readPort,
  readRedisKeyPrefix,
  readRedisUrl,
  readString,
} from '@wired/runtime'
import { readWireConfig } from '@wired/wire'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8100 }),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'robinhood:'),
    ordersAddress: readGrpcAddress(env, 'ORDERS_GRPC_ADDRESS', '127.0.0.1:50081'),
    portfolioAddress: readGrpcAddress(env, 'PORTFOLIO_GRPC_ADDRESS', '127.0.0.1:50083'),
    /** Where browsers reach the price gateway (WS, SSE and its scripts), put in the page's config. */
    pricesPublicUrl: readString(env, 'PRICES_PUBLIC_URL', { default: 'http://127.0.0.1:8101' }),
    /** Requests per minute per client address, over every route. */
    rateLimitPerMinute: readInt(env, 'RATE_LIMIT_PER_MINUTE', { default: 1_200, min: 1 }),
    grpcSecret: readGrpcSecret(env),
    wireCollectorUrl: readWireConfig(env).collectorUrl,
    logLevel: readLogLevel(env),
  }
}

export type ApiConfig = ReturnType<typeof loadConfig>
