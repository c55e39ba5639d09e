import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRedis } from '@wired/redis'
import { bootUber } from '../test/support/boot-uber'
import { addAccounts, TEST_KNOBS } from '../test/support/harness'
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
const uber = await bootUber(
  'real',
  { ...TEST_KNOBS, staleAfterMs: 600_000, offerTimeoutMs: 5_000 },
  { only: ['pricing', 'location', 'matching', 'api', 'rider-gateway'] },
)
const { booted } = uber
const urls = { ...uber.urls, locationHttp: booted.at.http('location') }
const redisKeyPrefix = booted.env.REDIS_KEY_PREFIX!
const redis = createRedis(booted.env.REDIS_URL!)
const backend = { username: booted.env.MQTT_USERNAME!, password: booted.env.MQTT_PASSWORD! }
const mosquitto = { url: uber.mqttUrl, addAccount: uber.addBrokerAccount }
const accounts = await addAccounts(urls.api)
const load = { url: mosquitto.url, ...backend, drivers: DRIVERS, prefix: `${run}-d`, connections: 4 }
const ms = (value: number) => `${round(value)} ms`

try {
  console.log(
    `Uber benchmark (${quick ? 'quick' : 'full'}): Mosquitto, Kafka ${booted.env.KAFKA_BROKERS}, ${booted.env.REDIS_URL}\n`,
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
    const geo = await measureGeosearch(urls, redis, redisKeyPrefix, quick ? 300 : 2_000, radius, {
      name: 'rider-gateway',
      secret: booted.env.GRPC_SECRET!,
    })
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

  console.log('\n5. memory: RSS of each service process at the end of the run (pnpm footprint measures embedded)')
  let total = 0
  for (const name of ['location', 'matching', 'pricing', 'rider-gateway', 'api', 'driver-behaviour']) {
    const pid = booted.processes?.pidOf(name)
    if (pid === undefined) continue // not started for the bench
    const kib = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
    total += kib / 1024
    console.log(`   ${name.padEnd(17)} ${round(kib / 1024, 0)} MiB`)
  }
  console.log(`   ${'all services'.padEnd(17)} ${round(total, 0)} MiB`)
} finally {
  redis.disconnect()
  await uber.stop()
}
process.exit(0)
