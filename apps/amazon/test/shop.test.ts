import { randomUUID } from 'node:crypto'
import { createGrpcClient } from '@wired/grpc'
import { InventoryServiceClient } from '@wired/proto/amazon/v1/checkout'
import { hopsInOrder, hopIs as is, newTraceparent, runModes, waitFor, waitForTrace } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogBySku } from '../src/shared/catalog'
import { bootShop, buyOne, type RunningShop } from './support/shop'

const PRODUCT_PAGE = /* GraphQL */ `
  query ProductPage($sku: ID!) {
    product(sku: $sku) {
      sku title description category priceCents stock
      reviews { id author stars body }
      recommendations { sku title description category priceCents }
    }
  }
`

describe.each(runModes())('the shop: REST and GraphQL on one catalogue, checkout over gRPC (%s)', (mode) => {
  let shop: RunningShop

  beforeAll(async () => {
    shop = await bootShop(mode)
  })
  afterAll(async () => {
    await shop?.stop()
  })

  it('pages the catalogue with ETag and Cache-Control; the same ETag gets 304', async () => {
    const first = await shop.request<Array<{ sku: string }>>('GET', '/v1/products?page=2&pageSize=10')
    expect(first.status).toBe(200)
    expect(first.body.data!.map((p) => p.sku)).toEqual(Array.from({ length: 10 }, (_, i) => `sku-0${11 + i}`))
    expect(first.body.meta).toMatchObject({ page: 2, pageSize: 10, total: 81 })
    expect(first.headers.get('cache-control')).toBe('public, max-age=30')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    const again = await shop.request('GET', '/v1/products?page=2&pageSize=10', { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
  })

  it('searches the catalogue in PostgreSQL full text; SQL in the box is just words', async () => {
    const found = await shop.request<Array<{ title: string }>>(
      'GET',
      `/v1/search?q=${encodeURIComponent('wireless kettle')}`,
    )
    expect(found.status).toBe(200)
    expect(found.body.data!.length).toBeGreaterThan(0)
    expect(found.body.data![0]!.title.toLowerCase()).toContain('kettle')
    const injection = await shop.request<unknown[]>(
      'GET',
      `/v1/search?q=${encodeURIComponent("'; DROP TABLE products; --")}`,
    )
    expect(injection.status).toBe(200)
    expect(injection.body.data).toEqual([])
    expect((await shop.request('GET', '/v1/products?pageSize=1')).body.meta).toMatchObject({ total: 81 })
  })

  it('GraphQL answers the product page in one query with the same data REST gives in three', async () => {
    const sku = 'sku-007'
    const [product, reviews, recommendations] = await Promise.all([
      shop.request<Record<string, unknown>>('GET', `/v1/products/${sku}`),
      shop.request<unknown[]>('GET', `/v1/products/${sku}/reviews`),
      shop.request<unknown[]>('GET', `/v1/products/${sku}/recommendations`),
    ])
    const graph = await shop.graphql<{ product: Record<string, unknown> }>(PRODUCT_PAGE, { sku })
    expect(graph.body.errors).toBeUndefined()
    expect(graph.body.data!.product).toEqual({
      ...product.body.data,
      reviews: reviews.body.data,
      recommendations: recommendations.body.data,
    })
    expect(graph.body.data!.product.priceCents).toBe(catalogBySku.get(sku)!.priceCents)
    expect(reviews.body.data).toHaveLength(3)
    expect(recommendations.body.data).toHaveLength(4)
  })

  it('batches with DataLoader: 10 products with reviews and recommendations cost one SQL statement per entity type', async () => {
    const skus = Array.from({ length: 10 }, (_, i) => `sku-0${21 + i}`)
    const one = await shop.graphql(
      '{ products(skus: ["sku-021"]) { sku stock reviews { stars } recommendations { sku reviews { stars } } } }',
    )
    const ten = await shop.graphql<{ products: Array<{ reviews: unknown[]; recommendations: unknown[] }> }>(
      `query($skus: [ID!]!) { products(skus: $skus) { sku stock reviews { stars } recommendations { sku reviews { stars } } } }`,
      { skus },
    )
    expect(ten.body.errors).toBeUndefined()
    expect(ten.body.data!.products).toHaveLength(10)
    expect(ten.body.data!.products.every((p) => p.reviews.length === 3 && p.recommendations.length === 4)).toBe(true)
    // products, reviews, recommendations, then the recommended products' reviews: 4, for 1 or 10.
    expect(one.sqlStatements).toBe(4)
    expect(ten.sqlStatements).toBe(4)
  })

  it('checks out: priced by the server, stock taken, order tracked once shipping has it, and a notice sent', async () => {
    const alice = shop.customer()
    const sku = 'sku-003'
    const [before] = await shop.stock(sku)
    const placed = await alice.checkout([{ sku, quantity: 2 }], { extra: {} })
    expect(placed.status).toBe(201)
    const order = placed.body.data!
    expect(order).toMatchObject({ state: 'placed', totalCents: 2 * catalogBySku.get(sku)!.priceCents })
    expect(order.paymentId).toMatch(/^pay_/)
    const [after] = await shop.stock(sku)
    expect(after).toEqual({ sku, available: before!.available - 2, sold: before!.sold + 2 })

    // Kafka amazon.orders → the shipping consumer's tracking, the notification consumer's notice.
    const tracked = await waitFor(async () => (await alice.order(order.orderId)).body.data?.tracking ?? undefined, {
      timeoutMs: 15_000,
      what: 'tracking from the shipping consumer',
    })
    expect(tracked).toMatchObject({ state: 'shipped', number: expect.stringMatching(/^WP[0-9A-F]{12}$/) })
    await waitFor(async () => (await alice.notices()).body.data?.some((n) => n.includes(order.orderId)), {
      timeoutMs: 15_000,
      what: 'the notification consumer',
    })
    expect((await alice.orders()).body.data!.map((o) => o.orderId)).toEqual([order.orderId])
  })

  it('carries one trace across every hop: REST → gRPC pricing, inventory (Redis, PostgreSQL), payment → Kafka → consumers', async () => {
    const customer = shop.customer()
    const { traceId, traceparent } = newTraceparent()
    const placed = await shop.request('POST', '/v1/orders', {
      headers: { authorization: `Bearer ${customer.token}`, 'idempotency-key': `traced-${traceId}`, traceparent },
      body: { lines: [{ sku: 'sku-014', quantity: 1 }], cardToken: 'tok_ok' },
    })
    expect(placed.status).toBe(201)
    const checkout = [
      is('http', 'SERVER', /POST \/v1\/orders/, /api/),
      is('grpc', 'CLIENT', 'OrderService/Checkout', /api/),
      is('grpc', 'SERVER', 'PricingService/Quote', /pricing/),
      is('grpc', 'SERVER', 'InventoryService/Reserve', /inventory/),
      is('redis', 'CLIENT', /^EVAL/, /inventory/),
      is('grpc', 'SERVER', 'PaymentService/Charge', /payment/),
      is('sql', 'CLIENT', 'INSERT confirmations', /inventory/),
      is('sql', 'CLIENT', 'INSERT outbox', /orders/),
    ]
    const after = [
      is('kafka', 'PRODUCER', /amazon\.orders/, /orders/),
      is('kafka', 'CONSUMER', /amazon\.orders/, /fulfilment/),
    ]
    await waitForTrace(shop.wireUrl, traceId, (seen) => hopsInOrder(seen, checkout) && hopsInOrder(seen, after))
  })

  it('keeps a cart per customer in Redis', async () => {
    const bob = shop.customer()
    await bob.setCart('sku-010', 2)
    await bob.setCart('sku-004', 1)
    await bob.setCart('sku-010', 0)
    expect((await bob.cart()).body.data).toEqual([{ sku: 'sku-004', quantity: 1 }])
  })

  it('places once per Idempotency-Key: a retry replays, another body gets 422 and changes nothing', async () => {
    const carol = shop.customer()
    const key = randomUUID()
    const lines = [{ sku: 'sku-005', quantity: 1 }]
    const first = await carol.checkout(lines, { key })
    const retry = await carol.checkout(lines, { key })
    expect(first.status).toBe(201)
    expect(retry.status).toBe(200)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(retry.body.data).toEqual(first.body.data)
    const [before] = await shop.stock('sku-005')
    const changed = await carol.checkout([{ sku: 'sku-005', quantity: 2 }], { key })
    expect(changed.status).toBe(422)
    expect(changed.body.errors![0]).toMatchObject({
      code: 'ALREADY_EXISTS',
      details: { reason: 'IDEMPOTENCY_KEY_REUSED' },
    })
    expect(await shop.stock('sku-005')).toEqual([before])
    expect((await carol.orders()).body.data).toHaveLength(1)
  })

  it('a declined card and a payment past its deadline both release the reservation', async () => {
    const dave = shop.customer()
    const sku = 'sku-006'
    const [before] = await shop.stock(sku)
    const declined = await dave.checkout([{ sku, quantity: 3 }], { card: 'tok_decline' })
    expect(declined.status).toBe(409)
    expect(declined.body.errors![0]).toMatchObject({ details: { reason: 'CARD_DECLINED' } })
    const timedOut = await dave.checkout([{ sku, quantity: 3 }], { card: 'tok_timeout' })
    expect(timedOut.status).toBe(504)
    expect(await shop.stock(sku)).toEqual([before])
    expect((await dave.orders()).body.data).toEqual([])
  })

  it('a reservation not confirmed in time expires and its units come back', async () => {
    // What a crashed order service leaves behind: a Reserve with no Confirm or Release after it.
    const [before] = await shop.stock('sku-008')
    const inventory = createGrpcClient(InventoryServiceClient, shop.urls['gRPC inventory']!, {
      deadlineMs: 2_000,
      caller: { name: 'orders', secret: shop.grpcSecret },
    })
    try {
      await inventory.reserve({
        reservationId: `ord_${randomUUID().slice(0, 8)}`,
        lines: [{ sku: 'sku-008', quantity: 4 }],
      })
      expect((await shop.stock('sku-008'))[0]!.available).toBe(before!.available - 4)
      await waitFor(async () => (await shop.stock('sku-008'))[0]!.available === before!.available, {
        timeoutMs: 10_000,
        what: 'the expired reservation released',
      })
    } finally {
      inventory.close()
    }
  })

  it('sells exactly 100 of 100 units to 200 concurrent checkouts: stock 0 in Redis and PostgreSQL, never negative', async () => {
    const sku = 'sku-100'
    // Each buyer retries with its key on a 5xx (a payment past its deadline under this load).
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => buyOne(shop.customer(`rush-${i}`), sku)))
    expect(outcomes.filter((outcome) => outcome === 'bought')).toHaveLength(100)
    expect(outcomes.filter((outcome) => outcome === 'sold out')).toHaveLength(100)
    expect(await shop.stock(sku)).toEqual([{ sku, available: 0, sold: 100 }])
    if (mode !== 'compose') expect(await shop.redisStock(sku)).toEqual({ available: 0, reservations: 0 })
  }, 60_000)

  it('limits searches per client: past the limit, 429 with Retry-After', async () => {
    let limited: Awaited<ReturnType<RunningShop['request']>> | undefined
    for (let i = 0; i < 200 && !limited; i++) {
      const reply = await shop.request('GET', `/v1/search?q=lamp${i % 3}`)
      if (reply.status === 429) limited = reply
    }
    expect(limited).toBeDefined()
    expect(limited!.body.errors![0]!.code).toBe('RATE_LIMITED')
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0)
    // Only search is limited this tightly: the catalogue still answers.
    expect((await shop.request('GET', '/v1/products')).status).toBe(200)
  })
})
