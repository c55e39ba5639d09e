/**
 * `pnpm --filter @wired/uber bench:tracing`: what the wire view costs the GPS ingest path, the
 * scenario's hottest (tens of µs of work per fix). The location service boots on real infra once
 * per setting: tracing off, on at the default sample ratio, on with every fix traced (it starts a
 * trace for each untraced fix it reads), and off again to show the drift of the machine itself.
 * Each setting gets a warm-up and then `REPEATS` bursts of QoS 1 fixes through Mosquitto →
 * location → GEOADD + Kafka; single bursts vary by ±30 % here, so the median and best are printed,
 * and the ratio to tracing off uses the medians (target ≥ 0.8). BENCH_QUICK=1 shrinks it.
 */
import { randomBytes } from 'node:crypto'
import { bootUber } from '../test/support/boot-uber'
import { TEST_KNOBS } from '../test/support/harness'
import { measureIngest } from './phases'
import { percentiles, round } from './stats'

const quick = process.env.BENCH_QUICK === '1'
const DRIVERS = quick ? 2_000 : 10_000
const REPEATS = quick ? 2 : 3
const settings: { label: string; env: Record<string, string> }[] = [
  { label: 'tracing off', env: { WIRE_TRACING: 'off' } },
  { label: 'tracing on, default 10% sampled', env: { WIRE_TRACING: 'on' } },
  { label: 'tracing on, 100% sampled', env: { WIRE_TRACING: 'on', WIRE_SAMPLE_RATIO: '1' } },
  { label: 'tracing off, again', env: { WIRE_TRACING: 'off' } },
]
const rows: Record<string, { 'median fixes/s': number; 'best fixes/s': number; failed: number }> = {}
for (const setting of settings) {
  const uber = await bootUber(
    'real',
    { ...TEST_KNOBS, staleAfterMs: 600_000 },
    { only: ['location'], env: setting.env },
  )
  try {
    const { booted } = uber
    const urls = { ...uber.urls, locationHttp: booted.at.http('location') }
    const load = {
      url: uber.mqttUrl,
      username: booted.env.MQTT_USERNAME!,
      password: booted.env.MQTT_PASSWORD!,
      drivers: DRIVERS,
      prefix: `trace${randomBytes(3).toString('hex')}-d`,
      connections: 4,
    }
    await measureIngest(urls, load, 2) // warm-up: JIT, connections, the index's first writes
    const rates: number[] = []
    let failed = 0
    for (let i = 0; i < REPEATS; i++) {
      const ingest = await measureIngest(urls, load, quick ? 2 : 5)
      rates.push(ingest.perSecond)
      failed += ingest.failed
    }
    rows[setting.label] = {
      'median fixes/s': round(percentiles(rates).p50, 0),
      'best fixes/s': round(Math.max(...rates), 0),
      failed,
    }
  } finally {
    await uber.stop()
  }
}
console.log(`GPS ingest (MQTT QoS 1 → location → GEOADD + Kafka), ${DRIVERS} drivers, ${REPEATS} bursts a setting:`)
console.table(rows)
const off = (rows['tracing off']!['median fixes/s'] + rows['tracing off, again']!['median fixes/s']) / 2
for (const label of settings.slice(1, 3).map((s) => s.label))
  console.log(`throughput kept with ${label}: ${round(rows[label]!['median fixes/s'] / off, 2)} (target ≥ 0.8)`)
