import type { ServiceName } from '../test/support/system'
import { bootSystem } from '../test/support/system'
import { BENCH_ENV } from './bench-env'
import { cpuMeter, round } from './stats'
import { prepareThroughput } from './throughput'

const SERVICES: ServiceName[] = ['gateway-a', 'gateway-b', 'message', 'delivery', 'analytics', 'audit', 'users', 'api']

export interface TracingRun {
  tracing: string
  deliveredPerSecond: number
  p50Ms: number
  p99Ms: number
  /** CPU of the scenario's service processes per delivered message: what bounds throughput on 2 cores. */
  serviceCpuMsPerMessage: number
  lost: number
}

/**
 * What the wire view costs: the same load with tracing off and on (every trace recorded, and at a
 * lower sample ratio), each on a fresh boot of the scenario on real infra. Throughput on 2 cores
 * is bounded by the services' CPU per message, so the capacity kept with tracing on is the ratio
 * of CPU per message off / on; the delivered rate and latency at the fixed rate are printed too.
 * The collector runs in this (the load generator's) process, as Zipkin would run elsewhere.
 */
export async function measureTracingCost(options: {
  rate: number
  seconds: number
  pairs: number
  sampleRatios: number[]
}): Promise<TracingRun[]> {
  const modes = [{ label: 'off', env: { WIRE_TRACING: 'off' } }].concat(
    options.sampleRatios.map((ratio) => ({
      label: `on, ${ratio * 100}% sampled`,
      env: { WIRE_TRACING: 'on', WIRE_SAMPLE_RATIO: String(ratio) },
    })),
  )
  const runs: TracingRun[] = []
  for (const mode of modes) {
    const system = await bootSystem('real', { env: { ...BENCH_ENV, ...mode.env } })
    try {
      const load = await prepareThroughput(system, options.pairs)
      await load.run(100, 2)
      await load.run(options.rate, 3) // warm-up at the measured rate: JIT, pools, batch sizes
      const pids = Object.fromEntries(SERVICES.map((name) => [name, [system.processes!.pidOf(name)!]]))
      const stopMeter = cpuMeter(pids)
      const step = await load.run(options.rate, options.seconds, 1)
      const used = Object.values(stopMeter()).reduce((sum, seconds) => sum + seconds, 0)
      load.close()
      runs.push({
        tracing: mode.label,
        deliveredPerSecond: step.deliveredPerSecond,
        p50Ms: step.p50Ms,
        p99Ms: step.p99Ms,
        serviceCpuMsPerMessage: round((used * 1000) / step.delivered, 3),
        lost: step.lost,
      })
    } finally {
      await system.stop()
    }
  }
  return runs
}

/** "tracing on keeps 0.87 of off's capacity": CPU per message off / on, per traced run. */
export function capacityRatios(runs: TracingRun[]): Record<string, number> {
  const off = runs.find((run) => run.tracing === 'off')
  if (!off) return {}
  return Object.fromEntries(
    runs
      .filter((run) => run !== off)
      .map((run) => [run.tracing, round(off.serviceCpuMsPerMessage / run.serviceCpuMsPerMessage, 2)]),
  )
}
