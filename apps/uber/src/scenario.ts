/**
 * The Uber scenario in one declaration: its services in start order, the infrastructure they
 * need, and the env each one gets. The kit boots it from this in every mode (./wired start uber,
 * the tests on real infra), and docker-compose.yml's `uber` profile sets the same keys.
 *
 *   driver app ──MQTT──▶ broker ──▶ location ──Redis GEO / Kafka──▶ matching ──gRPC──▶ pricing
 *   rider page ──WS──▶ rider-gateway ──gRPC──▶ matching, location     api ──REST── apps
 */
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { createPool } from '@wired/db'
import { defineScenario } from '@wired/kit'
import { verifyPassword } from '@wired/runtime'
import { startEmbeddedBroker } from './broker/embedded-broker'
import { createCity } from './shared/city'
import { startFleet } from './simulator/fleet'

// One secret per boot, shared by every service that signs or checks tokens. The kit computes
// every service's env in one process, so they all get this value; compose sets its own.
const authSecret = randomBytes(24).toString('base64url')
// The simulated cars drive this many times faster than the streets' speed limits, so a demo ride
// takes minutes; ETAs stay at the limits, and the rider page says so (compose: SIM_SPEEDUP too).
const SIM_SPEEDUP = 3
const SIM_DRIVERS = 25

export const scenario = defineScenario({
  name: 'uber',
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  infra: ['postgres', 'kafka', 'redis', 'mqtt'],
  env: (at) => ({
    AUTH_SECRET: authSecret,
    LOCATION_GRPC_ADDRESS: at.grpc('location'),
    PRICING_GRPC_ADDRESS: at.grpc('pricing'),
    RIDE_GRPC_ADDRESS: at.grpc('matching'),
    ALLOWED_ORIGINS: [
      `http://127.0.0.1:${at.port('rider-gateway', 'http')}`,
      `http://localhost:${at.port('rider-gateway', 'http')}`,
    ].join(','),
  }),
  services: [
    { name: 'pricing', listens: { grpc: 'PRICING_GRPC_PORT' } },
    // Drivers connect from an app, not a page of ours: no origin to hold them to.
    {
      name: 'location',
      listens: { grpc: 'LOCATION_GRPC_PORT', http: 'LOCATION_HTTP_PORT' },
      env: () => ({ ALLOWED_ORIGINS: '*' }),
    },
    { name: 'matching', listens: { grpc: 'MATCHING_GRPC_PORT' } },
    {
      name: 'rider-gateway',
      public: true,
      listens: { http: 'GATEWAY_PORT' },
      env: (at) => ({
        API_PUBLIC_URL: at.http('api'),
        // The driver page (/driver.html) talks to the location service's driver socket directly.
        DRIVER_SOCKET_PUBLIC_URL: `ws://${at.host}:${at.port('location', 'http')}/v1/drivers/ws`,
        SIM_SPEEDUP: String(SIM_SPEEDUP),
      }),
    },
    { name: 'api', public: true, listens: { http: 'API_PORT' } },
    { name: 'driver-behaviour' },
  ],
  /**
   * Embedded mode's MQTT broker: aedes in this process with Mosquitto's rules, a backend
   * account, and drivers checked against the api's drivers table (their own credentials).
   */
  async beforeServices({ env, logger }) {
    const backend = { username: 'uber-backend', password: randomBytes(12).toString('base64url') }
    const accounts = createPool(env.DATABASE_URL!, { max: 2 })
    const broker = await startEmbeddedBroker({
      port: 0,
      backend,
      logger,
      async verifyDriver(driverId, password) {
        const { rows } = await accounts.query('SELECT password_hash FROM drivers WHERE id = $1', [driverId])
        return rows[0] ? verifyPassword(password, rows[0].password_hash) : false
      },
    })
    return {
      env: { MQTT_URL: broker.url, MQTT_USERNAME: backend.username, MQTT_PASSWORD: backend.password },
      // Printed by ./wired start: the password is made up per run, and the README's "What to
      // try" watches the drivers' traffic with it (mosquitto_sub -u ... -P ...).
      urls: {
        'MQTT broker': broker.url,
        'MQTT backend user': backend.username,
        'MQTT backend password': backend.password,
      },
      async stop() {
        await broker.stop()
        await accounts.end()
      },
    }
  },
  /** The driver simulator: 25 drivers on MQTT, a fix every 4 s (the guide's figure), 3x time. */
  async afterServices({ env, at, logger }) {
    const password = randomBytes(12).toString('base64url')
    const fleet = await startFleet({
      apiUrl: at.http('api'),
      mqttUrl: env.MQTT_URL!,
      city: createCity(),
      count: SIM_DRIVERS,
      idPrefix: 'sim',
      password,
      intervalMs: 4_000,
      speedup: SIM_SPEEDUP,
      logger,
    })
    const [first, last] = [fleet.drivers[0]?.id, fleet.drivers.at(-1)?.id]
    return {
      // A driver's own login, to publish as one (and try another's topic: the ACL refuses it).
      urls: { 'MQTT drivers': `${first} … ${last}`, 'MQTT drivers password': password },
      stop: () => fleet.stop(),
    }
  },
  urls: (at) => ({
    'rider page': at.http('rider-gateway'),
    'REST api': at.http('api'),
    'driver WebSocket': `ws://${at.host}:${at.port('location', 'http')}/v1/drivers/ws`,
    'gRPC location': at.grpc('location'),
    'gRPC matching': at.grpc('matching'),
    'gRPC pricing': at.grpc('pricing'),
  }),
})
