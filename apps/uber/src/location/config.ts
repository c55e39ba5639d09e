import {
  type Env,
  readBindHost,
  readGrpcSecret,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readRedisUrl,
  readString,
} from '@wired/runtime'
import { type MqttConnectionConfig, readAllowedOrigins, readAuthSecret, readMqtt, readMs } from '../shared/config'

export interface LocationConfig {
  /** Signs this service's name on its gRPC calls and checks its callers' (shared/callers.ts). */
  grpcSecret: string
  logLevel: string
  /** Listen address of this service's servers (BIND_HOST). */
  host: string
  grpcPort: number
  /** HTTP: the drivers' WebSocket (/v1/drivers/ws) and /healthz. */
  httpPort: number
  redisUrl: string
  /** Namespaces every key and channel, so two deployments (or test runs) can share one Redis. */
  redisKeyPrefix: string
  kafkaBrokers: string[]
  mqtt: MqttConnectionConfig
  authSecret: string
  allowedOrigins: string[] | '*'
  /** A driver with no fix for this long is taken out of matching (3 missed 4-s fixes + slack). */
  staleAfterMs: number
}

export function loadConfig(env: Env): LocationConfig {
  return {
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
    host: readBindHost(env),
    grpcPort: readPort(env, 'LOCATION_GRPC_PORT', { default: 50051 }),
    httpPort: readPort(env, 'LOCATION_HTTP_PORT', { default: 8082 }),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readString(env, 'REDIS_KEY_PREFIX', { default: 'uber:' }),
    kafkaBrokers: readKafkaBrokers(env),
    mqtt: readMqtt(env, 'location'),
    authSecret: readAuthSecret(env),
    allowedOrigins: readAllowedOrigins(env),
    staleAfterMs: readMs(env, 'DRIVER_STALE_AFTER_MS', 15_000),
  }
}
