/**
 * `pnpm --filter @wired/whatsapp bench [--quick] [--only=throughput|relay|idle] [--rates=500,1000]
 * [--seconds=4] [--settle=2] [--cpu-prof] [--only=tracing]`: boots the scenario against real Kafka, Redis and PostgreSQL (each service its
 * own process, as in compose) and measures it against the targets of the scenario's issue.
 * README.md quotes its output. --cpu-prof writes a V8 profile per service into ./profiles.
 */
import { execSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ServiceName } from '../test/support/system'
import { bootSystem } from '../test/support/system'
import { BENCH_ENV } from './bench-env'
import { measureIdleConnections } from './idle'
import { measureRelay } from './relay'
import { cpuMeter, round, rssBytes } from './stats'
import { prepareThroughput, type ThroughputResult } from './throughput'
import { capacityRatios, measureTracingCost } from './tracing-cost'

const flag = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1]
const quick = process.argv.includes('--quick')
const only = flag('only')
const rates = flag('rates')?.split(',').map(Number) ?? (quick ? [100, 250, 500] : [100, 250, 500, 1_000, 2_000])
const seconds = Number(flag('seconds') ?? (quick ? 3 : 4))
// Load at each new rate before measuring it (see ThroughputLoad.run); 0 measures the step too.
const settle = Number(flag('settle') ?? (quick ? 1 : 2))
const profileDir = process.argv.includes('--cpu-prof') ? resolve('profiles') : undefined
if (profileDir) mkdirSync(profileDir, { recursive: true })

const services: ServiceName[] = ['gateway-a', 'gateway-b', 'message', 'delivery', 'analytics', 'audit', 'users', 'api']

if (only === 'tracing') {
  // Boots the scenario once per tracing setting, so it runs on its own (not inside the boot below).
  const rate = Number(flag('rate') ?? (quick ? 500 : 1_000))
  console.log(`the wire view's cost: ${rate} messages/s for ${seconds} s with tracing off and on ...`)
  const runs = await measureTracingCost({ rate, seconds, pairs: quick ? 100 : 300, sampleRatios: [1, 0.1] })
  console.table(runs)
  console.log("capacity kept with tracing on (services' CPU per message, off / on; target >= 0.8):")
  console.table(capacityRatios(runs))
  process.exit(0)
}

const system = await bootSystem('real', {
  env: BENCH_ENV,
  nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
})
try {
  if (!only || only === 'throughput') await throughput()
  if (!only || only === 'relay') {
    console.log('the gateway relay against a bare ws echo server ...')
    console.table(await measureRelay(system, { connections: 20, window: 20, seconds: quick ? 2 : 5 }))
  }
  if (!only || only === 'idle') {
    console.log('idle connections on one gateway ...')
    // ulimit -n is 20,000 on the reference machine and the gateway needs a few descriptors of its own.
    const idle = await measureIdleConnections(system, { connections: quick ? 2_000 : 19_900, workers: quick ? 1 : 2 })
    console.table({ 'idle connections': idle })
  }
} finally {
  await system.stop()
}

async function throughput(): Promise<void> {
  const pairs = quick ? 100 : 500
  console.log(
    `end to end: ${pairs} sender/receiver pairs on gateways A → B, open loop, rising rates, ` +
      `each measured for ${seconds} s after ${settle} s of settling ...`,
  )
  const load = await prepareThroughput(system, pairs)
  // Warm-up (JIT, connection pools, consumer fetch loops), not reported: without it the first
  // reported rate pays for compiling the hot paths and looks worse than the ones after it.
  await load.run(100, 2)
  await load.run(500, 3)
  const pids: Record<string, number[]> = Object.fromEntries(
    services.map((name) => [name, [system.processes!.pidOf(name)!]]),
  )
  pids.kafka = pgrep("-f '^java.*kafka[.]Kafka'")
  pids.redis = pgrep('-x redis-server')
  // Every backend and helper of the one PostgreSQL server; the pools' connections stay open.
  pids.postgresql = pgrep('-x postgres')
  pids['load generator'] = [process.pid]
  const steps: Record<string, ThroughputResult> = {}
  const cpu: Record<string, Record<string, number>> = {}
  for (const perSecond of rates) {
    const stopMeter = cpuMeter(pids)
    const step = await load.run(perSecond, seconds, settle)
    steps[`${perSecond}/s`] = step
    const used = stopMeter()
    const total = Object.values(used).reduce((sum, seconds) => sum + seconds, 0)
    cpu[`${perSecond}/s`] = Object.fromEntries(
      [...Object.entries(used), ['all', total] as const].map(([name, seconds]) => [
        name,
        round((seconds * 1000) / step.delivered, 2),
      ]),
    )
  }
  load.close()
  console.table(steps)
  console.log('CPU ms per delivered message, by process (2 cores = 2,000 ms of CPU a second):')
  console.table(cpu)
  // After the highest rate: what each service process holds (pnpm footprint measures the embedded mode).
  const memory: Record<string, number> = {}
  for (const name of services) memory[name] = round((await rssBytes(system.processes!.pidOf(name)!)) / 2 ** 20)
  memory['all services'] = round(Object.values(memory).reduce((sum, mib) => sum + mib, 0))
  console.log('RSS MiB by service process after the last rate:')
  console.table(memory)
}

function pgrep(pattern: string): number[] {
  return execSync(`pgrep ${pattern} || true`).toString().split('\n').filter(Boolean).map(Number)
}
