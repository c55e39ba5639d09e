/**
 * The price gateway's benchmark: `pnpm --filter @wired/robinhood exec tsx bench/prices.ts`
 * (BENCH_QUICK=1 for a short run). Needs the real infra (REDIS_URL etc.: `. .wired/infra.env`).
 *
 * 1. The scenario's market (10,000 ticks/s) and price gateway, each its own process on real
 *    Redis; 1,000 sockets (half JSON, half protobuf) × 20 symbols. Measured: tick → client
 *    latency from the TickBatch timestamps (p50/p99 of the oldest and the newest change in each
 *    frame), the gateway's CPU, bytes per price update in each encoding.
 * 2. The baseline, in the same run: a bare `ws` server sending the same frame rate to as many
 *    clients (bench/prices-bare-ws.ts).
 * Bounded: each phase measures BENCH_SECONDS (default 15, quick 5) after a 2 s warm-up.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { bootScenario } from '@wired/testkit'
import { scenario } from '../src/scenario'
import { sessionTokens } from '../src/shared/session-token'
import { SYMBOLS } from '../src/shared/symbols'
import { type FleetSample, openFleet, processCpuSeconds } from './prices-load'

const quick = process.env.BENCH_QUICK === '1'
const clients = Number(process.env.BENCH_CLIENTS ?? (quick ? 200 : 1_000))
const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 5 : 15))
const framesPerSecond = Number(process.env.PRICES_FRAMES_PER_SECOND ?? 20)
const SYMBOLS_EACH = 20
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function percentile(values: number[], p: number): number {
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

async function measure(fleet: Awaited<ReturnType<typeof openFleet>>, cpuSeconds: () => Promise<number>) {
  await sleep(2_000)
  const cpuBefore = await cpuSeconds()
  const started = performance.now()
  fleet.measure(true)
  await sleep(seconds * 1_000)
  fleet.measure(false)
  const elapsed = (performance.now() - started) / 1000
  return { sample: fleet.sample, elapsed, cpuPercent: (((await cpuSeconds()) - cpuBefore) / elapsed) * 100 }
}

function report(label: string, run: { sample: FleetSample; elapsed: number; cpuPercent: number }) {
  const { sample, elapsed } = run
  const line = {
    run: label,
    'frames/s': Math.round(sample.frames / elapsed),
    'oldest p50 ms': percentile(sample.oldestMs, 50),
    'oldest p99 ms': percentile(sample.oldestMs, 99),
    'newest p99 ms': percentile(sample.newestMs, 99),
    'server CPU % of a core': Math.round(run.cpuPercent),
    'JSON B/update': sample.updates.json ? +(sample.bytes.json / sample.updates.json).toFixed(1) : '-',
    'protobuf B/update': sample.updates.protobuf ? +(sample.bytes.protobuf / sample.updates.protobuf).toFixed(1) : '-',
  }
  console.log(JSON.stringify(line))
  return line
}

async function gatewayRun() {
  const booted = await bootScenario(scenario, 'real', {
    only: ['market', 'prices'],
    env: {
      MARKET_TICKS_PER_SECOND: '10000',
      PRICES_FRAMES_PER_SECOND: String(framesPerSecond),
      LOG_LEVEL: 'warn',
      WIRE_TRACING: 'off',
    },
  })
  try {
    const ws = booted.urls['price WebSocket']!
    const http = ws.replace(/^ws/, 'http').replace(/\/ws$/, '')
    const token = sessionTokens(booted.env.GRPC_SECRET!).issue('bench')
    const fleet = await openFleet({
      url: ws,
      count: clients,
      symbolsEach: SYMBOLS_EACH,
      symbols: SYMBOLS,
      protocols: (encoding) => [`prices.${encoding}.v1`, `bearer.${token}`],
      subscribe: true,
    })
    const stats = async () => (await (await fetch(`${http}/v1/stats`)).json()).data
    const cpu = async () => {
      const { cpuUserMicros, cpuSystemMicros } = await stats()
      return (cpuUserMicros + cpuSystemMicros) / 1e6
    }
    const run = await measure(fleet, cpu)
    const after = await stats()
    fleet.close()
    return { run, gatewayRssMb: Math.round(after.rssBytes / 2 ** 20), heldBack: after.heldBack }
  } finally {
    await booted.stop()
  }
}

async function bareRun() {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./prices-bare-ws.ts', import.meta.url))],
    {
      env: { ...process.env, FRAMES_PER_SECOND: String(framesPerSecond), SYMBOLS_PER_FRAME: String(SYMBOLS_EACH) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  try {
    const [port] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string]
    const fleet = await openFleet({
      url: `ws://127.0.0.1:${port}`,
      count: clients,
      symbolsEach: SYMBOLS_EACH,
      symbols: SYMBOLS,
      protocols: () => [],
      subscribe: false,
      encodingOf: () => 'protobuf',
    })
    const run = await measure(fleet, async () => processCpuSeconds(child.pid!))
    fleet.close()
    return run
  } finally {
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
}

console.log(
  `price gateway bench: ${clients} sockets × ${SYMBOLS_EACH} symbols, ${framesPerSecond} frames/s cap, ${seconds} s measured`,
)
const gateway = await gatewayRun()
report('gateway (market 10,000 ticks/s → Redis → prices)', gateway.run)
console.log(JSON.stringify({ gatewayRssMb: gateway.gatewayRssMb, heldBackRounds: gateway.heldBack }))
report('bare ws broadcast, same frame rate (baseline)', await bareRun())
console.log('target: tick → client p99 < 100 ms (oldest change in each frame, throttle wait included)')
