import { randomBytes } from 'node:crypto'
import { createPool, startEmbeddedPostgres } from '@wired/db'
import { MemoryEventLog } from '@wired/events'
import { MemoryRedis } from '@wired/redis'
import { silentLogger } from '@wired/runtime'
import { startEmbeddedBroker } from '../../src/broker/embedded-broker'
import { verifyPassword } from '../../src/shared/auth/passwords'
import { startUberStack } from '../../src/stack'
import { addAccounts, type Harness, type Knobs, testCity, uniqueId } from './harness'

/** Embedded mode: embedded PostgreSQL, aedes, MemoryEventLog, MemoryRedis; services in-process. */
export async function startEmbeddedHarness(knobs: Knobs): Promise<Harness> {
  const postgres = await startEmbeddedPostgres()
  const events = new MemoryEventLog({ defaultPartitions: 6 })
  const redis = new MemoryRedis()
  const backend = { username: 'uber-backend', password: randomBytes(9).toString('base64url') }
  const accounts = createPool(postgres.url, { max: 2 })
  const broker = await startEmbeddedBroker({
    port: 0,
    backend,
    logger: silentLogger,
    async verifyDriver(driverId, password) {
      const { rows } = await accounts.query('SELECT password_hash FROM drivers WHERE id = $1', [driverId])
      return rows[0] ? verifyPassword(password, rows[0].password_hash) : false
    },
  })
  const stack = await startUberStack(
    { databaseUrl: postgres.url, events, redis, mqttUrl: broker.url, mqttBackend: backend },
    {
      instanceId: uniqueId('test'),
      redisKeyPrefix: 'uber:',
      authSecret: randomBytes(24).toString('base64url'),
      logger: silentLogger,
      city: testCity,
      staleAfterMs: knobs.staleAfterMs,
      dispatch: {
        offerTimeoutMs: knobs.offerTimeoutMs,
        rounds: knobs.dispatchRounds,
        roundDelayMs: knobs.dispatchRoundDelayMs,
      },
      surge: { demandWindowMs: knobs.surgeDemandWindowMs, supplyWindowMs: knobs.surgeSupplyWindowMs },
    },
  )
  const signUps = await addAccounts(stack.urls.api)
  return {
    mode: 'embedded',
    city: testCity,
    urls: stack.urls,
    mqttUrl: broker.url,
    events,
    addDriver: (id = uniqueId('drv')) => signUps.driver(id),
    addRider: () => signUps.rider(),
    restartLocation: (duringOutage) => stack.restartLocation(duringOutage),
    async stop() {
      await stack.stop()
      await broker.stop()
      await accounts.end()
      await events.close()
      await postgres.stop()
    },
  }
}
