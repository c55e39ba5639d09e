import {
  type Env,
  readBindHost,
  readGrpcSecret,
  readInstanceId,
  readInt,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readRedisUrl,
  readString,
  readUrl,
} from '@wired/runtime'
import { readWireConfig } from '@wired/wire'
import { readAllowedOrigins, readAuthSecret, readMs } from '../shared/config'

export interface RiderGatewayConfig {
  /** Signs this service's name on its gRPC calls and checks its callers' (shared/callers.ts). */
  grpcSecret: string
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
  /** Where the driver page opens its WebSocket: the location service's driver socket. */
  driverSocketPublicUrl: string
  nearbyEveryMs: number
  /**
   * The simulator's SIM_SPEEDUP: its cars drive that many times faster than the streets' speed
   * limits, while ETAs are computed at the limits. The page says so (1: nothing to explain).
   */
  simSpeedup: number
  /** Where the page's wire panel reads its traces (the collector, or Zipkin in compose); unset: tracing off. */
  wireCollectorUrl: string | undefined
}

export function loadConfig(env: Env): RiderGatewayConfig {
  return {
    grpcSecret: readGrpcSecret(env),
    wireCollectorUrl: readWireConfig(env).collectorUrl,
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
    driverSocketPublicUrl: readUrl(env, 'DRIVER_SOCKET_PUBLIC_URL', {
      default: 'ws://127.0.0.1:8082/v1/drivers/ws',
      protocols: ['ws', 'wss'],
    }),
    nearbyEveryMs: readMs(env, 'NEARBY_EVERY_MS', 2_000),
    simSpeedup: readInt(env, 'SIM_SPEEDUP', { default: 1, min: 1, max: 100 }),
  }
}
