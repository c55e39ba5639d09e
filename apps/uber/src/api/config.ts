import { type Env, readInt, readPort, readString } from '@wired/runtime'
import {
  readAllowedOrigins,
  readAuthSecret,
  readBindHost,
  readDatabaseUrl,
  readLogLevel,
  readRedisUrl,
} from '../shared/config'

export interface ApiConfig {
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

export function loadApiConfig(env: Env): ApiConfig {
  return {
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
