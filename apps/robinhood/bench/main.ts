import type { RunMode } from '@wired/testkit'
import { benchOrders } from './orders'

/**
 * `pnpm --filter @wired/robinhood bench`: the scenario's targets, each printed beside a bare
 * transport measured in the same run. On native infra (KAFKA_BROKERS set: every service its own
 * process, as compose runs them) or embedded (BENCH_MODE=embedded). BENCH_QUICK=1 shrinks it.
 *   1. orders: place → accepted p99 < 50 ms at 500 orders/s, beside bare fastify (bench/orders.ts)
 *   2. prices: 1,000 sockets × 20 symbols, tick → client p99 < 100 ms, beside bare ws (bench/prices.ts;
 *      native infra only: the gateway and market run as their own processes)
 */
const quick = process.env.BENCH_QUICK === '1'
/** BENCH_ONLY=orders or =prices runs one part. */
const only = process.env.BENCH_ONLY
const mode = (process.env.BENCH_MODE ?? (process.env.KAFKA_BROKERS ? 'real' : 'embedded')) as RunMode

if (only !== 'prices') await benchOrders(mode, quick)
if (only === 'orders') process.exit(0)
if (mode === 'real') await import('./prices')
else console.log('prices: bench/prices.ts runs on native infra only (set -a; . .wired/infra.env)')
