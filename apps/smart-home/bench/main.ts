/**
 * The smart home's hot path, measured: telemetry msgs/s end to end (device → broker → bridge →
 * Kafka → recorder → PostgreSQL) beside the bare broker's publish rate in the same run, reading →
 * dashboard latency (SSE) under load, and resident memory.
 *
 *   pnpm --filter @wired/smart-home bench                 # embedded (aedes, Kafka twin, embedded PostgreSQL)
 *   pnpm --filter @wired/smart-home bench --mode=real     # Mosquitto, Kafka, PostgreSQL, a process per service
 *   --count=60000 readings end to end; --tracing=on records 10 % of device traces;
 *   --cpu-prof=<dir> (real mode) leaves a .cpuprofile per service process
 */
import { parseArgs } from 'node:util'
import { sleep } from '@wired/testkit'
import { startHarness } from '../test/support/harness'
import { embeddedMemory, serviceMemory } from './memory'
import { bareBrokerRate, connectBenchDevices, endToEnd, latencyToDashboard } from './phases'

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'embedded' },
    count: { type: 'string', default: '60000' },
    tracing: { type: 'string', default: 'off' },
    // Real mode: every service writes a V8 CPU profile into this folder when it stops.
    'cpu-prof': { type: 'string' },
  },
})
const mode = values.mode as 'embedded' | 'real'
const count = Number(values.count)
const started = Date.now()
const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`)

console.log(`smart-home bench: mode=${mode}, ${count} readings end to end, tracing ${values.tracing}`)
const profileDir = values['cpu-prof']
const h = await startHarness(
  mode,
  { WIRE_TRACING: values.tracing === 'on' ? 'on' : 'off', LOG_LEVEL: 'warn' },
  profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : undefined,
)
try {
  const devices = await connectBenchDevices(h, 40)
  const bare = await bareBrokerRate(h, 20_000)
  const e2e = await endToEnd(h, devices, count)
  await sleep(1_000)
  const latency = await latencyToDashboard(h, devices, { seconds: 10, backgroundRate: Math.round(e2e.rate * 0.5) })
  for (const device of devices) await device.client.endAsync(true)
  const memory = mode === 'real' ? serviceMemory(h) : undefined

  console.log('\nresults (issue 20 targets in brackets)')
  line('bare broker publish rate (QoS 0, 1 subscriber)', `${bare.toFixed(0)} msgs/s`)
  line(
    'telemetry end to end, into PostgreSQL',
    `${e2e.rate.toFixed(0)} msgs/s  [>= 10,000]  (${e2e.stored}/${count} stored)`,
  )
  line('end to end / bare broker', `${((e2e.rate / bare) * 100).toFixed(0)} %`)
  line(
    `reading -> dashboard (SSE), ${latency.samples} samples`,
    `p50 ${latency.p50} ms, p99 ${latency.p99} ms  [p99 < 200 ms]`,
  )
  line('  under background load of', `${latency.backgroundRate} msgs/s`)
  if (memory) line('services resident memory (sum of processes)', `${memory} MB`)
} finally {
  await h.stop()
}
if (mode === 'embedded') {
  const rss = await embeddedMemory(15_000)
  line('embedded resident memory, 1,000 simulated devices', `${rss} MB  [<= 300 MB]`)
}
console.log(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s`)
process.exit(0)
