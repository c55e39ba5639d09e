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
  readServiceDatabase,
} from '@wired/runtime'
import { readWireConfig } from '@wired/wire'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8110 }),
    database: readServiceDatabase(env, 'amz_catalog'),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'amazon:'),
    ordersAddress: readGrpcAddress(env, 'ORDERS_GRPC_ADDRESS', '127.0.0.1:50160'),
    inventoryAddress: readGrpcAddress(env, 'INVENTORY_GRPC_ADDRESS', '127.0.0.1:50161'),
    /** Requests per minute per client address, over every route. */
    rateLimitPerMinute: readInt(env, 'RATE_LIMIT_PER_MINUTE', { default: 6_000, min: 1 }),
    /** Full-text searches per minute per client address (a search costs more than a cached page). */
    searchPerMinute: readInt(env, 'SEARCH_RATE_LIMIT_PER_MINUTE', { default: 120, min: 1 }),
    /** How long the api keeps a catalogue page in memory. */
    pageCacheMs: readInt(env, 'PAGE_CACHE_MS', { default: 5_000, min: 0 }),
    graphqlMaxDepth: readInt(env, 'GRAPHQL_MAX_DEPTH', { default: 8, min: 2 }),
    graphqlMaxFields: readInt(env, 'GRAPHQL_MAX_FIELDS', { default: 200, min: 10 }),
    grpcSecret: readGrpcSecret(env),
    wireCollectorUrl: readWireConfig(env).collectorUrl,
    logLevel: readLogLevel(env),
  }
}

export type ApiConfig = ReturnType<typeof loadConfig>
