import {
  type Env,
  readAllowedOrigins,
  readBindHost,
  readGrpcAddress,
  readGrpcSecret,
  readInstanceId,
  readInt,
  readLogLevel,
  readPort,
  readRedisUrl,
  readString,
  readUrl,
} from '@wired/runtime'
import { readWireConfig } from '@wired/wire'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8080 }),
    /** Names this replica in logs, in presence values and in the ready frame; replicas must differ. */
    gatewayId: readString(env, 'GATEWAY_ID', { default: `gateway-${readInstanceId(env)}` }),
    redisUrl: readRedisUrl(env),
    usersAddress: readGrpcAddress(env, 'USERS_GRPC_ADDRESS', '127.0.0.1:50061'),
    messageAddress: readGrpcAddress(env, 'MESSAGE_GRPC_ADDRESS', '127.0.0.1:50062'),
    /** Where browsers reach the REST API (put in the page's config). */
    apiPublicUrl: readUrl(env, 'API_PUBLIC_URL', { default: 'http://127.0.0.1:8082', protocols: ['http', 'https'] }),
    /** Extra browser origins allowed to open a socket; the gateway's own origin is always allowed. */
    allowedOrigins: readAllowedOrigins(env),
    /** Frames per second per connection before the socket is closed with 1008. */
    rateLimitPerSecond: readInt(env, 'RATE_LIMIT_PER_SECOND', { default: 50, min: 1 }),
    /** Ping interval; a socket that misses one pong is dropped. Presence keys are refreshed as often. */
    heartbeatMs: readInt(env, 'HEARTBEAT_MS', { default: 15_000, min: 100 }),
    /** Signs this service's name on its gRPC calls and checks its callers' (shared/callers.ts). */
    grpcSecret: readGrpcSecret(env),
    /** Where the page's wire panel reads its traces (the collector, or Zipkin in compose); unset: tracing off. */
    wireCollectorUrl: readWireConfig(env).collectorUrl,
    logLevel: readLogLevel(env),
  }
}

export type GatewayConfig = ReturnType<typeof loadConfig>
