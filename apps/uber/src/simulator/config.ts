import { type Env, readInt, readLogLevel, readSecret, readString, readUrl } from '@wired/runtime'

export interface SimulatorConfig {
  logLevel: string
  apiUrl: string
  mqttUrl: string
  drivers: number
  idPrefix: string
  password: string
  intervalMs: number
  speedup: number
}

export function loadConfig(env: Env): SimulatorConfig {
  return {
    logLevel: readLogLevel(env),
    apiUrl: readUrl(env, 'API_URL', { default: 'http://127.0.0.1:8081' }),
    mqttUrl: readUrl(env, 'MQTT_URL', { protocols: ['mqtt'] }),
    drivers: readInt(env, 'SIM_DRIVERS', { default: 30, min: 1, max: 5000 }),
    idPrefix: readString(env, 'SIM_ID_PREFIX', { default: 'sim' }),
    // Mosquitto must list the same drivers with this password (see broker/mosquitto-config.ts).
    password: readSecret(env, 'SIM_DRIVER_PASSWORD', { minLength: 12 }),
    intervalMs: readInt(env, 'SIM_INTERVAL_MS', { default: 4_000, min: 50 }),
    speedup: readInt(env, 'SIM_SPEEDUP', { default: 1, min: 1, max: 100 }),
  }
}
