import { mkdirSync } from 'node:fs'
import { type Env, readInt, readPort, readSecret, readString } from '@wired/runtime'
import { writeMosquittoConfig } from './mosquitto-config'

/**
 * Writes Mosquitto's config, password file and ACL for compose (run once before the broker
 * starts, e.g. as an init container sharing a volume): the backend account plus the simulator's
 * drivers `<SIM_ID_PREFIX>-001...`, all with their passwords hashed the way mosquitto_passwd does.
 */
function loadBrokerSetup(env: Env) {
  const prefix = readString(env, 'SIM_ID_PREFIX', { default: 'sim' })
  const password = readSecret(env, 'SIM_DRIVER_PASSWORD', { minLength: 12 })
  const count = readInt(env, 'SIM_DRIVERS', { default: 30, min: 0, max: 5000 })
  return {
    dir: readString(env, 'MOSQUITTO_CONFIG_DIR', { default: '/mosquitto/config' }),
    port: readPort(env, 'MQTT_PORT', { default: 1883 }),
    host: readString(env, 'MQTT_BIND', { default: '0.0.0.0' }),
    backend: {
      username: readString(env, 'MQTT_USERNAME', { default: 'uber-backend' }),
      password: readSecret(env, 'MQTT_PASSWORD', { minLength: 12 }),
    },
    drivers: Array.from({ length: count }, (_, i) => ({
      username: `${prefix}-${String(i + 1).padStart(3, '0')}`,
      password,
    })),
  }
}

const setup = loadBrokerSetup(process.env)
mkdirSync(setup.dir, { recursive: true })
console.log(`wrote ${writeMosquittoConfig(setup)} (${setup.drivers.length} drivers + ${setup.backend.username})`)
