import { openLoop, type RunMode, round, startBareFastify } from '@wired/testkit'
import { bootShop } from '../test/support/shop'

/**
 * `pnpm --filter @wired/amazon bench`: the scenario's hot paths at their target rates, each
 * beside bare fastify answering the same method and path with a body of the same size, in the
 * same run. Embedded by default (one process: its resident memory is the scenario's); on native
 * infra with BENCH_MODE=real (each service its own process). BENCH_QUICK=1 shrinks it.
 *   1. catalogue page from the api's cache: p99 < 20 ms at 1,000 req/s
 *   2. GraphQL product page (product, price, stock, reviews, recommendations): p99 < 50 ms
 *   3. checkout (REST → gRPC pricing, inventory Lua, payment → PostgreSQL → Kafka): 200/s, p99 < 200 ms
 * and then the stock consistency: Redis available + PostgreSQL sold = initial, per product.
 */
const quick = process.env.BENCH_QUICK === '1'
const mode = (process.env.BENCH_MODE ?? 'embedded') as RunMode
const seconds = quick ? 3 : 8
const ms = (value: number) => `${round(value)} ms`
const mb = () => `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`

const shop = await bootShop(mode, {
  env: { RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'warn', DATABASE_CONNECTIONS: '8' },
})
const customers = Array.from({ length: 50 }, (_, i) => shop.customer(`bench-${i}`))
const PRODUCT_PAGE =
  'query($sku: ID!) { product(sku: $sku) { sku title priceCents stock reviews { author stars body } recommendations { sku title priceCents stock } } }'
let n = 0

interface Part {
  name: string
  rate: number
  target: string
  method: 'GET' | 'POST'
  path: string
  headers: () => Record<string, string>
  body?: () => string
  sample: () => Promise<string>
}

const parts: Part[] = [
  {
    name: 'catalogue page (cached)',
    rate: 1_000,
    target: 'p99 < 20 ms at 1,000 req/s',
    method: 'GET',
    path: '/v1/products',
    headers: () => ({}),
    sample: async () => JSON.stringify((await shop.request('GET', '/v1/products?page=1')).body),
  },
  {
    name: 'GraphQL product page',
    rate: 200,
    target: 'p99 < 50 ms',
    method: 'POST',
    path: '/graphql',
    headers: () => ({ 'content-type': 'application/json' }),
    body: () =>
      JSON.stringify({ query: PRODUCT_PAGE, variables: { sku: `sku-0${String((n++ % 80) + 1).padStart(2, '0')}` } }),
    sample: async () => JSON.stringify((await shop.graphql(PRODUCT_PAGE, { sku: 'sku-001' })).body),
  },
  {
    name: 'checkout',
    rate: 200,
    target: '200/s with p99 < 200 ms',
    method: 'POST',
    path: '/v1/orders',
    headers: () => ({
      authorization: `Bearer ${customers[n % customers.length]!.token}`,
      'content-type': 'application/json',
      'idempotency-key': `bench-${n}-${Math.random().toString(36).slice(2)}`,
    }),
    body: () =>
      JSON.stringify({
        lines: [{ sku: `sku-0${String((n++ % 80) + 1).padStart(2, '0')}`, quantity: 1 }],
        cardToken: 'tok_ok',
      }),
    sample: async () => JSON.stringify((await customers[0]!.checkout([{ sku: 'sku-001', quantity: 1 }])).body),
  },
]

console.log(
  `Amazon bench (${quick ? 'quick' : 'full'}, ${mode}), ${seconds} s per load, 2 s warm-up each; resident memory at boot ${mb()}\n`,
)
try {
  for (const part of parts) {
    const responseBytes = Buffer.byteLength(await part.sample())
    const bare = await startBareFastify({ method: part.method, path: part.path, responseBytes })
    try {
      const load = (url: string, runSeconds: number) =>
        openLoop({
          url,
          rate: part.rate,
          seconds: runSeconds,
          method: part.method,
          headers: part.headers,
          body: part.body,
        })
      await load(bare.url, 2)
      const baseline = await load(bare.url, seconds)
      const pageUrl =
        part.method === 'GET' ? `${shop.apiUrl}${part.path}?page=${1 + (n++ % 4)}` : `${shop.apiUrl}${part.path}`
      await load(pageUrl, 2)
      const measured = await load(pageUrl, seconds)
      console.log(`${part.name} at ${part.rate}/s (target ${part.target}):`)
      for (const [name, result] of [
        ['bare fastify', baseline],
        [part.name, measured],
      ] as const)
        console.log(
          `   ${name.padEnd(24)} p50 ${ms(result.p50)} · p99 ${ms(result.p99)} · max ${ms(result.max)} · ${round(result.achieved, 0)} req/s · statuses ${JSON.stringify(result.statuses)} · errors ${result.errors}`,
        )
      console.log(`   p99 per second: ${measured.p99PerSecond.join(', ')} ms; resident memory now ${mb()}\n`)
    } finally {
      bare.stop()
    }
  }

  // Stock consistency: what Redis still offers plus what PostgreSQL recorded as sold is what
  // the shop started with, for every product, once no reservation is open.
  const { CATALOG } = await import('../src/shared/catalog')
  const levels = await shop.stock(...CATALOG.map((item) => item.sku))
  const drift = levels.filter(
    (level) => level.available + level.sold !== CATALOG.find((i) => i.sku === level.sku)!.initialStock,
  )
  const sold = levels.reduce((sum, level) => sum + level.sold, 0)
  const { reservations } = mode === 'compose' ? { reservations: -1 } : await shop.redisStock('sku-001')
  console.log(
    `stock after the run: ${sold} units sold over ${levels.length} products; available + sold = initial for ` +
      `${levels.length - drift.length}/${levels.length} products; open reservations ${reservations}; ` +
      `negative counters ${levels.filter((l) => l.available < 0).length}`,
  )
  console.log(
    `resident memory at the end (${mode === 'embedded' ? 'the whole scenario, one process' : 'the bench process'}): ${mb()} (target ≤ 300 MB embedded)`,
  )
} finally {
  await shop.stop()
}
