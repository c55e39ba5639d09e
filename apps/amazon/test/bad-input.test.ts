import { randomUUID } from 'node:crypto'
import { runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogBySku } from '../src/shared/catalog'
import { bootShop, type RunningShop } from './support/shop'

/**
 * Hostile input on every edge: each gets a clear error, changes nothing (stock and orders are
 * checked after), and leaves the service up (the last test still shops).
 */
describe.each(runModes())('hostile input gets a clear error and changes nothing (%s)', (mode) => {
  let shop: RunningShop
  const sku = 'sku-012'
  let stockBefore: Awaited<ReturnType<RunningShop['stock']>>

  beforeAll(async () => {
    shop = await bootShop(mode)
    stockBefore = await shop.stock(sku)
  })
  afterAll(async () => {
    await shop?.stop()
  })

  it.each([
    ['a negative quantity', [{ sku, quantity: -1 }]],
    ['a zero quantity', [{ sku, quantity: 0 }]],
    ['a huge quantity', [{ sku, quantity: 1e12 }]],
    ['a quantity as text', [{ sku, quantity: '2' }]],
    ['no lines', []],
    ['a malformed sku', [{ sku: "sku-1' OR 1=1", quantity: 1 }]],
  ])('refuses a checkout with %s: 400', async (_what, lines) => {
    const reply = await shop.customer().checkout(lines as never)
    expect(reply.status).toBe(400)
    expect(reply.body.errors![0]!.code).toBe('INVALID_ARGUMENT')
  })

  it('refuses an unknown product: 404, nothing reserved', async () => {
    const reply = await shop.customer().checkout([{ sku: 'sku-999', quantity: 1 }])
    expect(reply.status).toBe(404)
    expect(reply.body.errors![0]!.code).toBe('NOT_FOUND')
  })

  it('refuses a price sent by the client (400), and the server prices every order itself', async () => {
    const customer = shop.customer()
    const tampered = await customer.checkout([{ sku: 'sku-013', quantity: 1 }], { extra: { totalCents: 1 } })
    expect(tampered.status).toBe(400)
    const honest = await customer.checkout([{ sku: 'sku-013', quantity: 1 }])
    expect(honest.body.data!.totalCents).toBe(catalogBySku.get('sku-013')!.priceCents)
  })

  it('refuses a checkout without a token, or with a forged one: 401', async () => {
    const none = await shop.request('POST', '/v1/orders', {
      headers: { 'idempotency-key': randomUUID() },
      body: { lines: [{ sku, quantity: 1 }], cardToken: 'tok_ok' },
    })
    expect(none.status).toBe(401)
    const forged = await shop.request('POST', '/v1/orders', {
      headers: {
        authorization: 'Bearer mallory.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        'idempotency-key': randomUUID(),
      },
      body: { lines: [{ sku, quantity: 1 }], cardToken: 'tok_ok' },
    })
    expect(forged.status).toBe(401)
  })

  it('refuses a checkout without an Idempotency-Key: 400', async () => {
    const customer = shop.customer()
    const reply = await shop.request('POST', '/v1/orders', {
      headers: { authorization: `Bearer ${customer.token}` },
      body: { lines: [{ sku, quantity: 1 }], cardToken: 'tok_ok' },
    })
    expect(reply.status).toBe(400)
  })

  it('refuses malformed JSON: 400', async () => {
    const customer = shop.customer()
    const reply = await shop.request('POST', '/v1/orders', {
      headers: {
        authorization: `Bearer ${customer.token}`,
        'idempotency-key': randomUUID(),
        'content-type': 'application/json',
      },
      body: '{"lines": [',
    })
    expect(reply.status).toBe(400)
  })

  it('refuses a GraphQL query 50 deep with the depth limit', async () => {
    const deep = `{ product(sku: "sku-001") { ${'recommendations { '.repeat(49)}sku${' }'.repeat(49)} } }`
    const reply = await shop.graphql(deep)
    expect(reply.status).toBe(400)
    expect(reply.body.errors![0]!.message).toMatch(/query depth \d+ exceeds the limit of 8/)
  })

  it('refuses an alias bomb with the field limit, before any SQL runs', async () => {
    const bomb = `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: product(sku: "sku-001") { title }`).join(' ')} }`
    const reply = await shop.graphql(bomb)
    expect(reply.status).toBe(400)
    expect(reply.body.errors![0]!.message).toMatch(/more than 200 fields/)
    expect(reply.sqlStatements || 0).toBe(0)
  })

  it('allows the explorer introspection, refuses introspection nested past the limit', async () => {
    const small = await shop.graphql<{ __schema: { types: Array<{ name: string }> } }>(
      '{ __schema { types { name } } }',
    )
    expect(small.body.data!.__schema.types.map((t) => t.name)).toContain('Product')
    const abuse = await shop.graphql(
      `{ __schema { types { ${'fields { type { '.repeat(10)}name${' } }'.repeat(10)} } } }`,
    )
    expect(abuse.body.data ?? null).toBeNull()
    expect(abuse.body.errors![0]!.message).toMatch(/query depth/)
  })

  it('refuses a 1 MB query unread: 413', async () => {
    const huge = `{ product(sku: "sku-001") { title } } # ${'x'.repeat(1024 * 1024)}`
    const reply = await fetch(`${shop.apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: huge }),
    })
    expect(reply.status).toBe(413)
  })

  it('changed nothing, and the shop still sells', async () => {
    expect(await shop.stock(sku)).toEqual(stockBefore)
    const reply = await shop.customer().checkout([{ sku, quantity: 1 }])
    expect(reply.status).toBe(201)
    expect((await shop.request('GET', '/healthz')).status).toBe(200)
  })
})
