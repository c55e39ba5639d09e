import {
  type Env,
  readBindHost,
  readGrpcSecret,
  readInt,
  readLogLevel,
  readPort,
  readRedisKeyPrefix,
  readRedisUrl,
  readServiceDatabase,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50161 }),
    database: readServiceDatabase(env, 'amz_inventory'),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'amazon:'),
    /** How long a checkout may hold units before confirming; past it the sweeper releases them. */
    reservationTtlMs: readInt(env, 'RESERVATION_TTL_MS', { default: 10_000, min: 200 }),
    sweepEveryMs: readInt(env, 'RESERVATION_SWEEP_MS', { default: 500, min: 50 }),
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type InventoryConfig = ReturnType<typeof loadConfig>
