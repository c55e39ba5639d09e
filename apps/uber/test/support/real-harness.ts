import { randomBytes } from 'node:crypto'
import { createDatabase, dropDatabase } from '@wired/db'
import { createKafkaEventLog } from '@wired/events'
import { createRedis } from '@wired/redis'
import { resolveInfra } from '@wired/testkit'
import { redisKeys } from '../../src/shared/contracts/live-positions'
import { addAccounts, type Harness, type Knobs, testCity, uniqueId } from './harness'
import { startMosquitto } from './mosquitto'
import { launchServices } from './real-services'

/**
 * Real mode: Apache Kafka, Redis and PostgreSQL from resolveInfra (a fresh database per run),
 * Mosquitto started here with the scenario's ACL, and every service as its own process
 * configured only through env, as compose runs them.
 */
export async function startRealHarness(knobs: Knobs): Promise<Harness> {
  const infra = await resolveInfra(['kafka', 'redis', 'postgres'])
  const run = uniqueId('t').replace('-', '')
  const database = `uber_${run}`
  const databaseUrl = await createDatabase(infra.databaseUrl, database)
  const backend = { username: 'uber-backend', password: randomBytes(9).toString('base64url') }
  const mosquitto = await startMosquitto(backend)
  const events = await createKafkaEventLog({ brokers: infra.kafkaBrokers, clientId: `uber-test-${run}` })
  const launched = await launchServices({ infra, databaseUrl, mqttUrl: mosquitto.url, backend, run, knobs }).catch(
    async (error: unknown) => {
      await mosquitto.stop()
      await events.close()
      throw error
    },
  )
  const { services, urls, redisKeyPrefix } = launched
  const signUps = await addAccounts(urls.api)

  return {
    mode: 'real',
    city: testCity,
    urls,
    mqttUrl: mosquitto.url,
    events,
    async addDriver(id = uniqueId('drv')) {
      const account = await signUps.driver(id)
      await mosquitto.addAccount({ username: account.id, password: account.password })
      return account
    },
    addRider: () => signUps.rider(),
    async restartLocation(duringOutage) {
      await services.kill('location', 'SIGKILL')
      await duringOutage()
      await services.start('location')
    },
    async stop() {
      await services.stopAll()
      await events.close()
      await mosquitto.stop()
      await dropDatabase(infra.databaseUrl, database)
      await dropRedisKeys(infra.redisUrl, redisKeyPrefix)
    },
  }
}

/** The shared Redis outlives the run: its keys go with it (channels need no cleanup). */
export async function dropRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = createRedis(redisUrl)
  const keys = redisKeys(prefix)
  await redis.del(keys.online, keys.lastSeen)
  redis.disconnect()
}
