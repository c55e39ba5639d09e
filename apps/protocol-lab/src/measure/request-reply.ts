import { isDeepStrictEqual } from 'node:util'
import type { RequestClient, RequestClientFactory } from '../clients/request-client'
import { guideUser } from '../payload'
import type { LabPlan } from '../plan'
import type { ServerKind } from '../servers'
import { startCountingProxy } from './byte-counter'
import { startServerProcess } from './server-process'
import { median, medianOfRuns, type Summary, summarize } from './stats'

/** One request/response protocol: its server process and its client. */
export interface RequestReplySpec {
  id: string
  label: string
  server: ServerKind
  client: RequestClientFactory
}

export interface ExchangeBytes {
  /** Bytes of one steady-state call, client → server and back. */
  request: number
  response: number
  /** Extra bytes the first call cost: connection preface, upgrade, settings. */
  setup: number
}

export interface RequestReplyResult {
  id: string
  label: string
  latency: Summary
  latencyRuns: Summary[]
  /** Calls per second at `concurrency` in flight, median of the runs. */
  throughput: number
  throughputRuns: number[]
  concurrency: number
  bytes: ExchangeBytes
  /** Calls whose answer was not the user sent (or failed); must be 0. */
  failures: number
  calls: number
}

async function checkedCall(client: RequestClient): Promise<boolean> {
  try {
    return isDeepStrictEqual(await client.call(guideUser), guideUser)
  } catch {
    return false
  }
}

export async function measureRequestReply(spec: RequestReplySpec, plan: LabPlan): Promise<RequestReplyResult> {
  const server = await startServerProcess(spec.server)
  let failures = 0
  let calls = 0
  const call = async (client: RequestClient) => {
    calls += 1
    if (!(await checkedCall(client))) failures += 1
  }
  try {
    const single = await spec.client(server.port, 1)
    for (let i = 0; i < plan.warmupCalls; i++) await call(single)
    const latencyRuns: Summary[] = []
    for (let run = 0; run < plan.runs; run++) {
      const samples: number[] = []
      for (let i = 0; i < plan.latencyCalls; i++) {
        const start = performance.now()
        await call(single)
        samples.push(performance.now() - start)
      }
      latencyRuns.push(summarize(samples))
    }
    await single.close()

    const pool = await spec.client(server.port, plan.concurrency)
    const throughputRuns: number[] = []
    for (let run = 0; run < plan.runs + 1; run++) {
      // Run 0 warms up the extra connections and streams; it is not reported.
      const completed = await saturate(pool, plan.concurrency, plan.throughputMs, call)
      if (run > 0) throughputRuns.push((completed / plan.throughputMs) * 1000)
    }
    await pool.close()

    const bytes = await measureExchangeBytes(spec, server.port, plan.byteSamples, call)
    return {
      id: spec.id,
      label: spec.label,
      latency: medianOfRuns(latencyRuns),
      latencyRuns,
      throughput: median(throughputRuns),
      throughputRuns,
      concurrency: plan.concurrency,
      bytes,
      failures,
      calls,
    }
  } finally {
    await server.stop()
  }
}

/** `concurrency` workers call back to back until the time is up; returns completed calls. */
async function saturate(
  client: RequestClient,
  concurrency: number,
  durationMs: number,
  call: (client: RequestClient) => Promise<void>,
): Promise<number> {
  const deadline = performance.now() + durationMs
  let completed = 0
  const worker = async () => {
    while (performance.now() < deadline) {
      await call(client)
      completed += 1
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return completed
}

/** Calls through a byte-counting proxy: the first call (with setup), then `samples` steady ones. */
async function measureExchangeBytes(
  spec: RequestReplySpec,
  port: number,
  samples: number,
  call: (client: RequestClient) => Promise<void>,
): Promise<ExchangeBytes> {
  const proxy = await startCountingProxy(port)
  try {
    const client = await spec.client(proxy.port, 1)
    await call(client)
    const first = proxy.count()
    for (let i = 0; i < samples; i++) await call(client)
    const after = proxy.count()
    await client.close()
    const request = (after.toServer - first.toServer) / samples
    const response = (after.toClient - first.toClient) / samples
    return { request, response, setup: first.toServer + first.toClient - request - response }
  } finally {
    await proxy.close()
  }
}
