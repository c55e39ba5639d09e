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
    httpPort: readPort(env, 'HTTP_PORT', { default: 8090 }),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'twitter:'),
    usersAddress: readGrpcAddress(env, 'USERS_GRPC_ADDRESS', '127.0.0.1:50071'),
    postsAddress: readGrpcAddress(env, 'POSTS_GRPC_ADDRESS', '127.0.0.1:50072'),
    likesAddress: readGrpcAddress(env, 'LIKES_GRPC_ADDRESS', '127.0.0.1:50073'),
    /** Where browsers open the push socket (put in the page's config). */
    pushPublicUrl: readString(env, 'PUSH_PUBLIC_URL', { default: 'ws://127.0.0.1:8091/ws' }),
    /** Authors with more followers than this are merged at read time (the fan-out uses the same). */
    celebrityThreshold: readInt(env, 'CELEBRITY_THRESHOLD', { default: 1_000, min: 0 }),
    /** How long a rendered feed page is served from memory (0: never); see adapters/page-cache.ts. */
    feedCacheMs: readInt(env, 'FEED_CACHE_MS', { default: 1_000, min: 0, max: 60_000 }),
    feedPageSize: readInt(env, 'FEED_PAGE_SIZE', { default: 20, min: 1, max: 100 }),
    /** Requests per minute per client address, over every route. */
    rateLimitPerMinute: readInt(env, 'RATE_LIMIT_PER_MINUTE', { default: 1_200, min: 1 }),
    grpcSecret: readGrpcSecret(env),
    wireCollectorUrl: readWireConfig(env).collectorUrl,
    logLevel: readLogLevel(env),
  }
}

export type ApiConfig = ReturnType<typeof loadConfig>
