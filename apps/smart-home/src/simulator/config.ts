import { type Env, readInt, readLogLevel, readMqttUrl, readSecret } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    logLevel: readLogLevel(env),
    mqttUrl: readMqttUrl(env),
    provisioningSecret: readSecret(env, 'DEVICE_PROVISIONING_SECRET', { minLength: 12 }),
    count: readInt(env, 'SIM_DEVICES', { default: 1000, min: 1, max: 20_000 }),
    intervalMs: readInt(env, 'SIM_INTERVAL_MS', { default: 5_000, min: 10 }),
    awakeMs: readInt(env, 'SIM_AWAKE_MS', { default: 20_000, min: 1_000 }),
    sleepMs: readInt(env, 'SIM_SLEEP_MS', { default: 20_000, min: 1_000 }),
    keepalive: readInt(env, 'SIM_KEEPALIVE_S', { default: 30, min: 1, max: 300 }),
  }
}
