import { hostname } from 'node:os'
import { type Env, readEnum, readInt, readList, readOptionalString, readString, readUrl } from '@wired/runtime'

/**
 * Env readers every Uber service shares. Each service's config.ts calls the ones it needs, so
 * a service fails at boot naming the missing key, and never reads a key it does not use.
 */
export interface MqttConnectionConfig {
  url: string
  username: string
  password: string
  /** Stable per replica: with clean=false the broker keeps this session's subscriptions and queue. */
  clientId: string
}

export const readLogLevel = (env: Env) =>
  readEnum(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, {
    default: 'info',
  })

/**
 * The address listeners bind to: loopback by default (nothing is reachable from elsewhere by
 * accident); 0.0.0.0 in a container, where the other services arrive over the compose network.
 */
export const readBindHost = (env: Env) => readString(env, 'BIND_HOST', { default: '127.0.0.1' })

/** Names this replica: per-replica consumer groups and MQTT session ids derive from it. */
export const readInstanceId = (env: Env) => readString(env, 'INSTANCE_ID', { default: hostname() })

export const readKafkaBrokers = (env: Env) => readList(env, 'KAFKA_BROKERS')

export const readDatabaseUrl = (env: Env) => readUrl(env, 'DATABASE_URL', { protocols: ['postgres', 'postgresql'] })

export const readRedisUrl = (env: Env) => readUrl(env, 'REDIS_URL', { protocols: ['redis'] })

export const readAuthSecret = (env: Env) => readString(env, 'AUTH_SECRET')

export function readMqtt(env: Env, clientIdPrefix: string): MqttConnectionConfig {
  return {
    url: readUrl(env, 'MQTT_URL', { protocols: ['mqtt'] }),
    username: readString(env, 'MQTT_USERNAME', { default: 'uber-backend' }),
    password: readString(env, 'MQTT_PASSWORD'),
    clientId: `${clientIdPrefix}-${readInstanceId(env)}`,
  }
}

/** Browser origins allowed on WebSockets and CORS; '*' only for local experiments. */
export function readAllowedOrigins(env: Env): string[] | '*' {
  const value = readOptionalString(env, 'ALLOWED_ORIGINS')
  if (value === '*') return '*'
  return readList(env, 'ALLOWED_ORIGINS', { default: ['http://127.0.0.1:8080', 'http://localhost:8080'] })
}

export const readMs = (env: Env, key: string, fallback: number) => readInt(env, key, { default: fallback, min: 1 })
