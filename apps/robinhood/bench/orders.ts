import { randomUUID } from 'node:crypto'
import { openLoop, type RunMode, round, startBareFastify, waitFor } from '@wired/testkit'
import pg from 'pg'
import { SYMBOLS } from '../src/shared/symbols'
import { bootTrading, Trader } from '../test/support/trading'
import { processCpuSeconds } from './prices-load'

const ms = (value: number) => `${round(value)} ms`

/**
 * Place → accepted at a fixed rate (open loop: requests start on schedule whether or not earlier
 * ones answered), beside bare fastify answering the same POST with a body of the same size.
 * Each request is a market buy of one share with its own Idempotency-Key, so each one runs the
 * whole trade path: REST → OrderService → RiskService (Redis) → PortfolioService (PostgreSQL)
 * → outbox; the engine executes them behind, from Kafka. Target: p99 < 50 ms at 500 orders/s.
 */
export async function benchOrders(mode: RunMode, quick: boolean): Promise<void> {
  // The target rate, and a tenth of it: what the trade path costs when it is not saturated.
  const rates = quick ? [20, 200] : [50, 500]
  const seconds = quick ? 3 : 10
  const system = await bootTrading(mode, {
    env: {
      STARTING_CASH_CENTS: String(10_000_000_000), // $100M each: no order is refused for money
      RATE_LIMIT_PER_MINUTE: '10000000',
      LOG_LEVEL: 'warn',
      DATABASE_CONNECTIONS: '10',
      // WIRE_TRACING=off measures the trade path without the wire view's spans.
      ...(process.env.WIRE_TRACING ? { WIRE_TRACING: process.env.WIRE_TRACING } : {}),
    },
    // BENCH_PROFILE=<dir>: every service writes a CPU profile there when it stops.
    nodeArgs: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : undefined,
  })
  try {
    console.log(
      `Orders (${quick ? 'quick' : 'full'}, ${mode}): place → accepted at ${rates.join(' and ')} orders/s, ${seconds} s each\n`,
    )
    const symbols = SYMBOLS.slice(0, 50)
    for (const symbol of symbols) await system.setPrice(symbol, 5_000)
    const traders: Trader[] = []
    for (let i = 0; i < 20; i += 1) traders.push(await Trader.open(system.apiUrl))
    const sample = await traders[0]!.place({ symbol: symbols[0], side: 'buy', type: 'market', quantity: 1 })
    const responseBytes = Buffer.byteLength(JSON.stringify(sample.body))
    const bare = await startBareFastify({ method: 'POST', path: '/v1/orders', responseBytes })
    /** CPU seconds so far of each service process (native infra only; embedded is one process). */
    const cpuByService = (): Record<string, number> | undefined => {
      if (mode !== 'real' || !system.processes) return undefined
      const services = [
        'api',
        'orders',
        'risk',
        'portfolio',
        'engine',
        'notifications',
        'compliance',
        'market',
        'prices',
      ]
      return Object.fromEntries(services.map((name) => [name, processCpuSeconds(system.processes!.pidOf(name)!)]))
    }
    let next = 0
    const load = (url: string, runSeconds: number, rate: number) =>
      openLoop({
        url,
        rate,
        seconds: runSeconds,
        method: 'POST',
        headers: () => ({
          authorization: `Bearer ${traders[next % traders.length]!.token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        }),
        body: () =>
          JSON.stringify({ symbol: symbols[next++ % symbols.length], side: 'buy', type: 'market', quantity: 1 }),
      })
    try {
      for (const rate of rates) {
        // 2 s of the same load first, unmeasured: connections and the JIT's first compiles.
        await load(bare.url, 2, rate)
        const baseline = await load(bare.url, seconds, rate)
        await load(`${system.apiUrl}/v1/orders`, 2, rate)
        const cpuBefore = cpuByService()
        const placed = await load(`${system.apiUrl}/v1/orders`, seconds, rate)
        const cpuAfter = cpuByService()
        console.log(`   at ${rate} orders/s:`)
        for (const [name, result] of [
          ['bare fastify', baseline],
          ['place order', placed],
        ] as const)
          console.log(
            `     ${name.padEnd(12)} p50 ${ms(result.p50)} · p99 ${ms(result.p99)} · max ${ms(result.max)} · ${round(result.achieved, 0)} req/s · statuses ${JSON.stringify(result.statuses)} · errors ${result.errors}`,
          )
        console.log(
          `     place p99 / bare p99: ${round(placed.p99 / baseline.p99, 1)}x (target: place p99 < 50 ms at 500/s)`,
        )
        console.log(`     place p99 per second: ${placed.p99PerSecond.join(', ')} ms`)
        // Where the CPU went (native infra: each service is its own process), per accepted order.
        const accepted = placed.statuses[201] ?? 0
        if (cpuBefore && cpuAfter && accepted > 0) {
          const perOrder = Object.entries(cpuAfter).map(
            ([name, seconds]) => [name, ((seconds - cpuBefore[name]!) * 1000) / accepted] as const,
          )
          const total = perOrder.reduce((sum, [, cpuMs]) => sum + cpuMs, 0)
          console.log(
            `     CPU per order (while the engine and consumers run behind): ${round(total, 2)} ms in the services = ` +
              perOrder.map(([name, cpuMs]) => `${name} ${round(cpuMs, 2)}`).join(', '),
          )
        }
      }

      // The engine behind: how long until every accepted order has been executed.
      const started = performance.now()
      const db = new pg.Client({ connectionString: system.databaseUrl })
      await db.connect()
      try {
        const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n)
        await waitFor(async () => (await count('SELECT count(*) AS n FROM rh_orders.orders WHERE state <> 2')) === 0, {
          timeoutMs: 120_000,
          intervalMs: 200,
          what: 'every order to be filled',
        })
        const filled = await count('SELECT count(*) AS n FROM rh_orders.orders')
        console.log(
          `   all ${filled} orders filled ${ms(performance.now() - started)} after the last one was accepted\n`,
        )
      } finally {
        await db.end()
      }
    } finally {
      bare.stop()
    }
  } finally {
    await system.stop()
  }
}
