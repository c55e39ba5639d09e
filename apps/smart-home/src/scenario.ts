/**
 * The smart home in one declaration: its services in start order, the infrastructure they need,
 * and the env each gets. The kit boots it from this in every mode (./wired start smart-home, the
 * tests on real infra), and docker-compose.yml's `smart-home` profile sets the same keys.
 *
 *   devices ──MQTT──▶ broker ──MQTT──▶ bridge ──Kafka──▶ recorder ──▶ PostgreSQL
 *                       │                        └──────▶ alerts ──Kafka──▶ dashboard
 *                       └────────── home/# ──────────────────────────────▶ dashboard ──SSE/REST──▶ page
 *                       ◀──────────────────── commands (QoS 2 for locks) ─┘
 */
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { defineScenario } from '@wired/kit'
import { startSmartHomeBroker } from './broker/embedded-broker'
import { devicePassword } from './shared/devices'
import { startFleet } from './simulator/fleet'

const SIM_DEVICES = 1000

export const scenario = defineScenario({
  name: 'smart-home',
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  infra: ['postgres', 'kafka', 'mqtt'],
  services: [
    { name: 'recorder' },
    { name: 'alerts' },
    { name: 'bridge' },
    { name: 'dashboard', public: true, listens: { http: 'DASHBOARD_PORT' } },
  ],
  /**
   * Embedded mode's MQTT broker: aedes in this process with Mosquitto's rules, a backend account
   * and per-device passwords derived from a provisioning secret made up for this run.
   */
  async beforeServices({ logger }) {
    const backend = { username: 'smart-home-backend', password: randomBytes(12).toString('base64url') }
    const provisioningSecret = randomBytes(18).toString('base64url')
    const broker = await startSmartHomeBroker({ port: 0, backend, provisioningSecret, logger })
    return {
      env: {
        MQTT_URL: broker.url,
        MQTT_USERNAME: backend.username,
        MQTT_PASSWORD: backend.password,
        DEVICE_PROVISIONING_SECRET: provisioningSecret,
      },
      // Printed by ./wired start: the README's "What to try" logs in with these.
      urls: {
        'MQTT broker': broker.url,
        'MQTT backend user': backend.username,
        'MQTT backend password': backend.password,
      },
      stop: () => broker.stop(),
    }
  },
  /** The device simulator: 1,000 devices, a reading every 5 s each, battery devices sleeping 20 s in 40. */
  async afterServices({ env, logger }) {
    const secret = env.DEVICE_PROVISIONING_SECRET!
    const fleet = await startFleet({
      mqttUrl: env.MQTT_URL!,
      provisioningSecret: secret,
      count: SIM_DEVICES,
      intervalMs: 5_000,
      awakeMs: 20_000,
      sleepMs: 20_000,
      keepalive: 30,
      logger,
      // ./wired start logs at warn: the progress line goes to the terminal itself, every 5 s.
      report: (line) => process.stdout.write(`${line}\n`),
    })
    // Logins of devices the simulator leaves alone (home lab01), to be one by hand: publish as
    // it, try another's topic (the ACL refuses it), go silent and watch the last will.
    const lab = ['lab01-lock', 'lab01-thermostat']
    return {
      urls: Object.fromEntries(lab.map((id) => [`MQTT device ${id}`, `password ${devicePassword(secret, id)}`])),
      stop: () => fleet.stop(),
    }
  },
  urls: (at) => ({ dashboard: at.http('dashboard') }),
})
