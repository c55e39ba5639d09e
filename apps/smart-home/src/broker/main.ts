import { mkdirSync } from 'node:fs'
import { type Env, readInt, readPort, readSecret, readString } from '@wired/runtime'
import { simDevices } from '../shared/devices'
import { writeMosquittoConfig } from './mosquitto-config'

/**
 * Writes Mosquitto's config for compose (run once before the broker starts): the backend account
 * and the simulator's devices h001-thermostat ... with their derived passwords, plus the ACL.
 */
function loadBrokerSetup(env: Env) {
  const count = readInt(env, 'SIM_DEVICES', { default: 1000, min: 0, max: 20_000 })
  const extraHomes = readInt(env, 'EXTRA_HOMES', { default: 0, min: 0, max: 100 })
  const extras = Array.from({ length: extraHomes }, (_, i) => `lab${String(i + 1).padStart(2, '0')}`)
  return {
    dir: readString(env, 'MOSQUITTO_CONFIG_DIR', { default: '/mosquitto/config' }),
    persistenceDir: readString(env, 'MOSQUITTO_DATA_DIR', { default: '/mosquitto/data' }),
    port: readPort(env, 'MQTT_PORT', { default: 1883 }),
    host: readString(env, 'MQTT_BIND', { default: '0.0.0.0' }),
    backend: {
      username: readString(env, 'MQTT_USERNAME', { default: 'smart-home-backend' }),
      password: readSecret(env, 'MQTT_PASSWORD', { minLength: 12 }),
    },
    provisioningSecret: readSecret(env, 'DEVICE_PROVISIONING_SECRET', { minLength: 12 }),
    devices: [
      ...simDevices(count).map((device) => device.id),
      // Homes for people and tests to try by hand, which the simulator leaves alone.
      ...extras.flatMap((home) => ['thermostat', 'motion', 'lock', 'light'].map((kind) => `${home}-${kind}`)),
    ],
  }
}

const setup = loadBrokerSetup(process.env)
mkdirSync(setup.dir, { recursive: true })
mkdirSync(setup.persistenceDir, { recursive: true })
console.log(`wrote ${writeMosquittoConfig(setup)} (${setup.devices.length} devices + ${setup.backend.username})`)
