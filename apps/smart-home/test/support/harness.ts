import { randomBytes } from 'node:crypto'
import { createKafkaEventLog, decodeEvent, type EventLog } from '@wired/events'
import { type BootedScenario, bootScenario, type RunMode } from '@wired/testkit'
import pg from 'pg'
import { type SmartHomeBroker, startSmartHomeBroker } from '../../src/broker/embedded-broker'
import { scenario } from '../../src/scenario'
import { DEVICE_KINDS, type DeviceIdentity, devicePassword, parseDeviceId } from '../../src/shared/devices'
import { kafkaTopics } from '../../src/shared/kafka-topics'
import { READING, type Reading } from '../../src/shared/reading'
import { startSmartHomeMosquitto } from './mosquitto'

export interface Harness {
  mode: RunMode
  booted: BootedScenario
  dashboard: string
  mqttUrl: string
  backend: { username: string; password: string }
  /** The wire view's collector. */
  wireUrl: string
  /** The scenario's schema in PostgreSQL, for checking what was stored. */
  db: pg.Pool
  /** A fresh home of four devices (thermostat, motion, lock, light) the broker accepts. */
  newHome(): Promise<{ home: string; devices: Record<(typeof DEVICE_KINDS)[number], DeviceIdentity> }>
  passwordOf(deviceId: string): string
  /** The secret device passwords derive from (the simulator needs it). */
  provisioningSecret: string
  /** Real mode: Mosquitto accepts these ids from now on (embedded: every valid id already). */
  addDevices(ids: string[]): Promise<void>
  /** Every reading in Kafka `smarthome.readings` so far, read by a consumer group of the test's own. */
  readingsInKafka(): Promise<Reading[]>
  restartBroker(): Promise<void>
  stop(): Promise<void>
}

const newId = () => randomBytes(3).toString('hex')

/**
 * Boots the smart home for a test from src/scenario.ts. Embedded: aedes in-process (kept here so
 * a test can restart it). Real: a private Mosquitto with the scenario's password file and ACL,
 * every service its own process on real Kafka and PostgreSQL.
 */
export async function startHarness(
  mode: RunMode,
  env: Record<string, string> = {},
  nodeArgs?: string[],
): Promise<Harness> {
  const backend = { username: 'smart-home-backend', password: randomBytes(12).toString('base64url') }
  const provisioningSecret = randomBytes(18).toString('base64url')
  let embeddedBroker: SmartHomeBroker | undefined
  let mosquitto: Awaited<ReturnType<typeof startSmartHomeMosquitto>> | undefined
  const brokerEnv = (url: string) => ({
    MQTT_URL: url,
    MQTT_USERNAME: backend.username,
    MQTT_PASSWORD: backend.password,
    DEVICE_PROVISIONING_SECRET: provisioningSecret,
  })
  const booted = await bootScenario(
    {
      ...scenario,
      async beforeServices({ logger }) {
        if (mode === 'real') {
          mosquitto = await startSmartHomeMosquitto(backend, provisioningSecret)
          return { env: brokerEnv(mosquitto.url), stop: () => mosquitto!.stop() }
        }
        embeddedBroker = await startSmartHomeBroker({ port: 0, backend, provisioningSecret, logger })
        return { env: brokerEnv(embeddedBroker.url), stop: () => embeddedBroker!.stop() }
      },
    },
    mode,
    { env, nodeArgs },
  )
  const databaseUrl = new URL(booted.env.DATABASE_URL!)
  databaseUrl.searchParams.set('options', '-c search_path=smarthome')
  const db = new pg.Pool({ connectionString: databaseUrl.toString(), max: 2 })
  const events: EventLog =
    booted.twins?.eventLog ??
    (await createKafkaEventLog({
      brokers: booted.env.KAFKA_BROKERS!.split(','),
      clientId: `smart-home-test-${newId()}`,
    }))
  const prefix = booted.env.KAFKA_TOPIC_PREFIX ?? ''
  const topic = kafkaTopics(prefix).readings

  return {
    mode,
    booted,
    dashboard: booted.urls.dashboard!,
    mqttUrl: booted.env.MQTT_URL!,
    backend,
    wireUrl: booted.env.WIRE_COLLECTOR_URL!,
    db,
    async newHome() {
      const home = `t${newId()}`
      const devices = Object.fromEntries(
        DEVICE_KINDS.map((kind) => [kind, parseDeviceId(`${home}-${kind}`)!]),
      ) as Record<(typeof DEVICE_KINDS)[number], DeviceIdentity>
      await mosquitto?.addDevices(Object.values(devices).map((device) => device.id))
      return { home, devices }
    },
    passwordOf: (deviceId) => devicePassword(provisioningSecret, deviceId),
    provisioningSecret,
    addDevices: async (ids) => mosquitto?.addDevices(ids),
    async readingsInKafka() {
      const seen: Reading[] = []
      let lastArrival = Date.now()
      const subscription = await events.subscribe({
        // Under the run's prefix, so the boot's cleanup deletes the group with the run's topics.
        groupId: `${prefix}smart-home-test-${newId()}`,
        topics: [topic],
        fromBeginning: true,
        handler: async (record) => {
          seen.push(decodeEvent(READING, record))
          lastArrival = Date.now()
        },
      })
      // Read until the topic has been quiet for a moment: everything there by then is in `seen`.
      const started = Date.now()
      while (Date.now() - lastArrival < 1_500 || (seen.length === 0 && Date.now() - started < 5_000))
        await new Promise((resolve) => setTimeout(resolve, 200))
      await subscription.stop()
      return seen
    },
    async restartBroker() {
      if (embeddedBroker) await embeddedBroker.restart()
      else if (mosquitto) await mosquitto.restart()
      else throw new Error(`${mode}: the test cannot restart this broker`)
    },
    async stop() {
      await db.end()
      if (!booted.twins?.eventLog) await events.close()
      await booted.stop()
    },
  }
}
