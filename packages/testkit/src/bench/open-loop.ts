import { Agent, request } from 'node:http'
import { percentiles } from './stats'

/**
 * An open-loop HTTP load: requests are started on a fixed schedule (`rate` per second) whether
 * or not earlier ones returned, so a slow server shows up as latency instead of quietly lowering
 * the rate (the coordinated-omission trap of closed-loop tools). Latency counts from the moment
 * a request was due.
 */
export async function openLoop(options: {
  url: string
  rate: number
  seconds: number
  headers: () => Record<string, string>
  /** Default GET. With `body`, each request sends what it returns (e.g. a fresh Idempotency-Key each). */
  method?: string
  body?: () => string
  /** Names a response's kind (e.g. a cache header): latencies are also reported per kind. */
  classify?: (headers: Record<string, string | string[] | undefined>) => string
}): Promise<{
  p50: number
  p99: number
  max: number
  n: number
  errors: number
  statuses: Record<number, number>
  achieved: number
  byKind: Record<string, ReturnType<typeof percentiles>>
  /** The p99 of each second of the run: a tail spread evenly, or one bad second. */
  p99PerSecond: number[]
}> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const latencies: number[] = []
  const kinds = new Map<string, number[]>()
  const perSecond: number[][] = Array.from({ length: options.seconds }, () => [])
  const statuses: Record<number, number> = {}
  let errors = 0
  const total = options.rate * options.seconds
  const started = performance.now()
  const pending: Promise<void>[] = []
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / options.rate
    const wait = due - performance.now()
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
    pending.push(
      new Promise<void>((resolve) => {
        const req = request(
          options.url,
          { agent, method: options.method ?? 'GET', headers: options.headers() },
          (response) => {
            response.resume()
            response.on('end', () => {
              const latency = performance.now() - due
              latencies.push(latency)
              perSecond[Math.min(options.seconds - 1, Math.floor(i / options.rate))]!.push(latency)
              const kind = options.classify?.(response.headers)
              if (kind !== undefined) kinds.set(kind, [...(kinds.get(kind) ?? []), latency])
              statuses[response.statusCode ?? 0] = (statuses[response.statusCode ?? 0] ?? 0) + 1
              resolve()
            })
          },
        )
        req.on('error', () => {
          errors += 1
          resolve()
        })
        req.end(options.body?.())
      }),
    )
  }
  await Promise.all(pending)
  const elapsed = (performance.now() - started) / 1000
  agent.destroy()
  const byKind = Object.fromEntries([...kinds].map(([kind, values]) => [kind, percentiles(values)]))
  const p99PerSecond = perSecond.map((values) => Math.round(percentiles(values).p99))
  return { ...percentiles(latencies), errors, statuses, achieved: latencies.length / elapsed, byKind, p99PerSecond }
}
