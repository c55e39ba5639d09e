import {
  type Env,
  readBindHost,
  readDatabaseUrl,
  readGrpcSecret,
  readInt,
  readLogLevel,
  readPort,
  readRedisUrl,
  readString,
} from '@wired/runtime'
import { readAllowedOrigins, readAuthSecret } from '../shared/config'

export interface ApiConfig {
  /** Signs this service's name on its gRPC calls and checks its callers' (shared/callers.ts). */
  grpcSecret: string
  logLevel: string
  /** Listen address of this service's servers (BIND_HOST). */
  host: string
  port: number
  databaseUrl: string
  redisUrl: string
  redisKeyPrefix: string
  authSecret: string
  /** Browser origins allowed by CORS: the rider page is served by the rider gateway. */
  allowedOrigins: string[] | '*'
  rideAddress: string
  pricingAddress: string
  requestsPerMinute: number
}

export function loadConfig(env: Env): ApiConfig {
  return {
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
    host: readBindHost(env),
    port: readPort(env, 'API_PORT', { default: 8081 }),
    databaseUrl: readDatabaseUrl(env),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readString(env, 'REDIS_KEY_PREFIX', { default: 'uber:' }),
    authSecret: readAuthSecret(env),
    allowedOrigins: readAllowedOrigins(env),
    rideAddress: readString(env, 'RIDE_GRPC_ADDRESS', { default: '127.0.0.1:50061' }),
    pricingAddress: readString(env, 'PRICING_GRPC_ADDRESS', { default: '127.0.0.1:50071' }),
    requestsPerMinute: readInt(env, 'API_REQUESTS_PER_MINUTE', { default: 1000, min: 1 }),
  }
}
