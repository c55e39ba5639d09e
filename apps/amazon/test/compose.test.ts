import { randomUUID } from 'node:crypto'
import { waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogBySku } from '../src/shared/catalog'
import { bootShop, type RunningShop } from './support/shop'

/**
 * The compose pass's smoke subset: CI runs this file against the `amazon` profile, one container
 * per service. The full suite (shop, bad-input, durability, browser) covers the same paths
 * embedded and on native infra, so vitest.config.ts leaves this file out unless the pass is compose.
 */
describe('amazon smoke (compose)', () => {
  let shop: RunningShop

  beforeAll(async () => {
    shop = await bootShop('compose')
  })
  afterAll(async () => {
    await shop?.stop()
  })

  it('serves a cacheable catalogue page and the same product over REST and GraphQL', async () => {
    const page = await shop.request<unknown[]>('GET', '/v1/products?pageSize=5')
    expect(page.status).toBe(200)
    expect(page.body.data).toHaveLength(5)
    expect(
      (
        await shop.request('GET', '/v1/products?pageSize=5', {
          headers: { 'if-none-match': page.headers.get('etag')! },
        })
      ).status,
    ).toBe(304)
    const rest = await shop.request<Record<string, unknown>>('GET', '/v1/products/sku-002')
    const graph = await shop.graphql<{ product: Record<string, unknown> }>(
      '{ product(sku: "sku-002") { sku title description category priceCents stock } }',
    )
    expect(graph.body.data!.product).toEqual(rest.body.data)
  })

  it('checks out once per key over gRPC, refuses another body, and shipping picks the order up from Kafka', async () => {
    const customer = shop.customer()
    const key = randomUUID()
    const [before] = await shop.stock('sku-009')
    const first = await customer.checkout([{ sku: 'sku-009', quantity: 2 }], { key })
    expect(first.status).toBe(201)
    expect(first.body.data!.totalCents).toBe(2 * catalogBySku.get('sku-009')!.priceCents)
    expect((await customer.checkout([{ sku: 'sku-009', quantity: 2 }], { key })).status).toBe(200)
    expect((await customer.checkout([{ sku: 'sku-009', quantity: 3 }], { key })).status).toBe(422)
    expect(await shop.stock('sku-009')).toEqual([
      { sku: 'sku-009', available: before!.available - 2, sold: before!.sold + 2 },
    ])
    await waitFor(
      async () => (await customer.order(first.body.data!.orderId)).body.data?.tracking?.state === 'shipped',
      {
        timeoutMs: 20_000,
        what: 'the shipping consumer',
      },
    )
  })

  it('releases the units of a declined card', async () => {
    const [before] = await shop.stock('sku-011')
    const declined = await shop.customer().checkout([{ sku: 'sku-011', quantity: 1 }], { card: 'tok_decline' })
    expect(declined.status).toBe(409)
    expect(await shop.stock('sku-011')).toEqual([before])
  })
})
