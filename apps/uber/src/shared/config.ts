import {
  type Env,
  readAllowedOrigins as readAnyAllowedOrigins,
  readInstanceId,
  readInt,
  readSecret,
  readString,
  readUrl,
} from '@wired/runtime'

/**
 * Env readers only Uber's services share (the MQTT backend account, the auth secret, the rider
 * page's default origin); the infra readers every scenario shares are @wired/runtime's.
 */
export interface MqttConnectionConfig {
  url: string
  username: string
  password: string
  /** Stable per replica: with clean=false the broker keeps this session's subscriptions and queue. */
  clientId: string
}

/** Signs rider and driver tokens; from AUTH_SECRET or the file AUTH_SECRET_FILE names. */
export const readAuthSecret = (env: Env) => readSecret(env, 'AUTH_SECRET', { minLength: 32 })

export function readMqtt(env: Env, clientIdPrefix: string): MqttConnectionConfig {
  return {
    url: readUrl(env, 'MQTT_URL', { protocols: ['mqtt'] }),
    username: readString(env, 'MQTT_USERNAME', { default: 'uber-backend' }),
    password: readSecret(env, 'MQTT_PASSWORD', { minLength: 12 }),
    clientId: `${clientIdPrefix}-${readInstanceId(env)}`,
  }
}

/** Browser origins allowed on WebSockets and CORS; '*' only for local experiments. */
export const readAllowedOrigins = (env: Env): string[] | '*' =>
  readAnyAllowedOrigins(env, ['http://127.0.0.1:8080', 'http://localhost:8080'])

export const readMs = (env: Env, key: string, fallback: number) => readInt(env, key, { default: fallback, min: 1 })
