import {
  type Env,
  readAllowedOrigins,
  readBindHost,
  readGrpcSecret,
  readInt,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readRedisKeyPrefix,
  readRedisUrl,
  readServiceDatabase,
  readTopicPrefix,
} from '@wired/runtime'
import { readWireConfig } from '@wired/wire'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8091 }),
    /** Browser origins allowed to call the API (the collab replicas' pages), for CORS. */
    allowedOrigins: readAllowedOrigins(env, ['http://127.0.0.1:8090', 'http://localhost:8090']),
    database: readServiceDatabase(env, 'gd_api', 5),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'gdocs:'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    /** K: a snapshot is written at every revision that is a multiple of this. */
    snapshotEvery: readInt(env, 'SNAPSHOT_EVERY', { default: 50, min: 1 }),
    /** How long an access token lives. */
    tokenTtlMs: readInt(env, 'TOKEN_TTL_MS', { default: 12 * 3600_000, min: 1_000 }),
    rateLimitPerMinute: readInt(env, 'RATE_LIMIT_PER_MINUTE', { default: 1200, min: 1 }),
    /** Signs the access tokens (shared/access-token.ts); the collab replicas check them with it. */
    tokenSecret: readGrpcSecret(env),
    wireCollectorUrl: readWireConfig(env).collectorUrl,
    logLevel: readLogLevel(env),
  }
}

export type ApiConfig = ReturnType<typeof loadConfig>
