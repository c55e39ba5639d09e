import { randomBytes } from 'node:crypto'
import { createDatabase, dropDatabase } from '@wired/db'
import { createRedis } from '@wired/redis'
import { resolveInfra } from '@wired/testkit'
import { addAccounts, TEST_KNOBS } from '../test/support/harness'
import { startMosquitto } from '../test/support/mosquitto'
import { dropRedisKeys } from '../test/support/real-harness'
import { launchServices } from '../test/support/real-services'
import { compareDriverProtocols, measureGeosearch, measureIngest, measureRiderLatency } from './phases'
import { round } from './stats'

/**
 * `pnpm --filter @wired/uber bench`: the scenario's targets on real Kafka, Redis, PostgreSQL and
 * Mosquitto, each service in its own process (as compose runs them), load from a child process.
 *   1. fixes/s over MQTT QoS 1 into the GEO index (target ≥ 10,000/s)
 *   2. GEOSEARCH p99 with 10,000 online drivers (target < 10 ms)
 *   3. a fix reaching the watching rider's WebSocket, p99 under load (target < 200 ms)
 *   4. one driver over MQTT and one over WebSocket: bytes and latency per fix
 * The driver-behaviour consumer is not started: analytics would compete for the same two cores.
 * BENCH_QUICK=1 shrinks every phase.
 */
const quick = process.env.BENCH_QUICK === '1'
const DRIVERS = 10_000
const run = `bench${randomBytes(3).toString('hex')}`
const infra = await resolveInfra(['kafka', 'redis', 'postgres'])
const database = `uber_${run}`
const databaseUrl = await createDatabase(infra.databaseUrl, database)
const backend = { username: 'uber-backend', password: randomBytes(9).toString('base64url') }
const mosquitto = await startMosquitto(backend)
const redis = createRedis(infra.redisUrl)
const { services, urls, redisKeyPrefix } = await launchServices({
  infra,
  databaseUrl,
  mqttUrl: mosquitto.url,
  backend,
  run,
  knobs: { ...TEST_KNOBS, staleAfterMs: 600_000, offerTimeoutMs: 5_000 },
  services: ['pricing', 'location', 'matching', 'api', 'rider-gateway'],
})
const accounts = await addAccounts(urls.api)
const load = { url: mosquitto.url, ...backend, drivers: DRIVERS, prefix: `${run}-d`, connections: 4 }
const ms = (value: number) => `${round(value)} ms`

try {
  console.log(
    `Uber benchmark (${quick ? 'quick' : 'full'}): Mosquitto, Kafka ${infra.kafkaBrokers}, ${infra.redisUrl}\n`,
  )
  const ingest = await measureIngest(urls, load, quick ? 3 : 10)
  console.log('1. ingest: MQTT QoS 1 → Mosquitto → location → GEOADD + Kafka drivers.locations')
  console.log(`   ${ingest.fixes} fixes from ${DRIVERS} driver ids over ${load.connections} publisher connections`)
  console.log(`   ${round(ingest.perSecond, 0)} fixes/s written to the GEO index (target ≥ 10,000/s)`)
  console.log(
    `   broker PUBACKs to the publisher: ${round(ingest.publisherPerSecond, 0)}/s · failed writes: ${ingest.failed}\n`,
  )

  console.log('2. nearest drivers: GEOSEARCH ... ASC COUNT 20 WITHCOORD WITHDIST (target p99 < 10 ms)')
  for (const radius of [500, 1_000, 3_000]) {
    const geo = await measureGeosearch(urls, redis, redisKeyPrefix, quick ? 300 : 2_000, radius)
    console.log(
      `   r=${String(radius).padStart(4)} m, ${geo.online} online: Redis p50 ${ms(geo.redis.p50)} p99 ${ms(geo.redis.p99)}` +
        ` · gRPC NearbyDrivers p50 ${ms(geo.grpc.p50)} p99 ${ms(geo.grpc.p99)}`,
    )
  }

  console.log('\n3. driver fix → rider WebSocket (MQTT → location → Redis pub/sub → gateway → WS), target p99 < 200 ms')
  for (const rate of [2_500, 10_000]) {
    const driver = await accounts.driver(`${run}-w${rate}`)
    const rider = await accounts.rider()
    await mosquitto.addAccount({ username: driver.id, password: driver.password })
    const latency = await measureRiderLatency(urls, mosquitto.url, driver, rider, {
      ...load,
      rate,
      durationMs: quick ? 3_000 : 8_000,
    })
    console.log(
      `   background ${round(latency.backgroundPerSecond, 0)} fixes/s: p50 ${latency.p50} ms  p99 ${latency.p99} ms  max ${latency.max} ms (n=${latency.n})`,
    )
  }

  const viaMqtt = await accounts.driver(`${run}-mqtt`)
  const viaWs = await accounts.driver(`${run}-ws`)
  await mosquitto.addAccount({ username: viaMqtt.id, password: viaMqtt.password })
  const compare = await compareDriverProtocols(
    urls,
    redis,
    redisKeyPrefix,
    mosquitto.url,
    viaMqtt,
    viaWs,
    quick ? 30 : 100,
  )
  console.log('\n4. one driver, MQTT (QoS 1) vs WebSocket, the same JSON fix, idle system')
  for (const [name, side] of Object.entries(compare))
    console.log(
      `   ${name.padEnd(5)} bytes per fix: up ${round(side.up, 1)}, down ${round(side.down, 1)} · fix → location pipeline → Redis: p50 ${side.latency.p50} ms p99 ${side.latency.p99} ms`,
    )
} finally {
  await services.stopAll()
  await mosquitto.stop()
  await dropRedisKeys(infra.redisUrl, redisKeyPrefix)
  redis.disconnect()
  await dropDatabase(infra.databaseUrl, database)
}
process.exit(0)
