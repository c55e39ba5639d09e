import {
  type Env,
  readBindHost,
  readBool,
  readGrpcSecret,
  readInt,
  readLogLevel,
  readPort,
  readRedisUrl,
  readServiceDatabase,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50061 }),
    database: readServiceDatabase(env, 'wa_users'),
    /** Where a sign-out is announced to the gateways (SIGNED_OUT_CHANNEL). */
    redisUrl: readRedisUrl(env),
    /** Create alice, bob, carol and dave (mutual contacts, a direct chat, a group) at start. */
    seedDemo: readBool(env, 'SEED_DEMO', { default: false }),
    /** How long a session token works before it must be renewed (or the user signs in again). */
    sessionTtlSeconds: readInt(env, 'SESSION_TTL_SECONDS', { default: 12 * 3600, min: 1 }),
    /** Signs this service's name on its gRPC calls and checks its callers' (shared/callers.ts). */
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type UsersConfig = ReturnType<typeof loadConfig>
