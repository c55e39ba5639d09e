import { type Env, readPort, readString, readUrl } from '@wired/runtime'
import {
  readAllowedOrigins,
  readAuthSecret,
  readBindHost,
  readInstanceId,
  readKafkaBrokers,
  readLogLevel,
  readMs,
  readRedisUrl,
} from '../shared/config'

export interface RiderGatewayConfig {
  logLevel: string
  /** Listen address of this service's servers (BIND_HOST). */
  host: string
  httpPort: number
  authSecret: string
  allowedOrigins: string[] | '*'
  kafkaBrokers: string[]
  /** Every replica reads every ride event: its own consumer group. */
  lifecycleGroupId: string
  redisUrl: string
  redisKeyPrefix: string
  rideAddress: string
  locationAddress: string
  /** Where the browser page sends REST calls (signup, ride request, payment). */
  apiPublicUrl: string
  nearbyEveryMs: number
}

export function loadRiderGatewayConfig(env: Env): RiderGatewayConfig {
  return {
    logLevel: readLogLevel(env),
    host: readBindHost(env),
    httpPort: readPort(env, 'GATEWAY_PORT', { default: 8080 }),
    authSecret: readAuthSecret(env),
    allowedOrigins: readAllowedOrigins(env),
    kafkaBrokers: readKafkaBrokers(env),
    lifecycleGroupId: `rider-gateway-${readInstanceId(env)}`,
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readString(env, 'REDIS_KEY_PREFIX', { default: 'uber:' }),
    rideAddress: readString(env, 'RIDE_GRPC_ADDRESS', { default: '127.0.0.1:50061' }),
    locationAddress: readString(env, 'LOCATION_GRPC_ADDRESS', { default: '127.0.0.1:50051' }),
    apiPublicUrl: readUrl(env, 'API_PUBLIC_URL', { default: 'http://127.0.0.1:8081' }),
    nearbyEveryMs: readMs(env, 'NEARBY_EVERY_MS', 2_000),
  }
}
