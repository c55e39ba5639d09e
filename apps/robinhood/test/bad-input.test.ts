import { status } from '@grpc/grpc-js'
import { OrderServiceService, PortfolioServiceService, Side } from '@wired/proto/robinhood/v1/orders'
import { bareUnaryCall, runModes, signedAs } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionTokens } from '../src/shared/session-token'
import { SYMBOLS } from '../src/shared/symbols'
import { bootTrading, call, type RunningTrading, Trader } from './support/trading'

const symbol = SYMBOLS[300]!
const order = { symbol, side: 'buy', type: 'limit', quantity: 2, limitCents: 1_000 }

/**
 * Every edge of the trade path refuses what it should with a clear error, and changes nothing:
 * after each refusal the account's portfolio and order list are exactly what they were.
 */
describe.each(runModes())('hostile input on the trade path (%s)', (mode) => {
  let system: RunningTrading
  let trader: Trader
  let unchanged: () => Promise<void>

  beforeAll(async () => {
    system = await bootTrading(mode)
    await system.setPrice(symbol, 1_000)
    trader = await Trader.open(system.apiUrl)
    const [portfolio, orders] = [await trader.portfolio(), await trader.orders()]
    unchanged = async () => {
      expect(await trader.portfolio()).toEqual(portfolio)
      expect(await trader.orders()).toEqual(orders)
    }
  })
  afterAll(async () => {
    await system?.stop()
  })

  it.each([
    ['a negative quantity', { quantity: -5 }, 'body/quantity'],
    ['a fractional quantity', { quantity: 1.5 }, 'body/quantity'],
    ['NaN as a quantity', { quantity: 'NaN' }, 'body/quantity'],
    ['a negative price', { limitCents: -100 }, 'body/limitCents'],
    ['a price as a float string', { limitCents: '10.00' }, 'body/limitCents'],
    ['a lower-case symbol', { symbol: 'abc' }, 'body/symbol'],
    ['a price the client wants to be filled at', { fillPriceCents: 1 }, 'body'],
    ['an unknown side', { side: 'short' }, 'body/side'],
  ])('refuses %s with 400', async (_, change, field) => {
    const answer = await trader.place({ ...order, ...change })
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0]).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(field) })
    await unchanged()
  })

  it('refuses an unlisted symbol, a limit far from the market, and an order beyond buying power', async () => {
    const unknown = await trader.place({ ...order, symbol: 'ZZZZZZZZ' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0]).toMatchObject({ code: 'INVALID_ARGUMENT', details: { rule: 'UNKNOWN_SYMBOL' } })
    const band = await trader.place({ ...order, limitCents: 2_000 })
    expect(band.status).toBe(409)
    expect(band.body.errors[0]).toMatchObject({ code: 'FAILED_PRECONDITION', details: { rule: 'PRICE_BAND' } })
    const tooMuch = await trader.place({ ...order, quantity: 10_001 })
    expect(tooMuch.status).toBe(409)
    expect(tooMuch.body.errors[0]).toMatchObject({ details: { reason: 'INSUFFICIENT_BUYING_POWER' } })
    await unchanged()
  })

  it('refuses an order without an Idempotency-Key, malformed JSON and an oversize body', async () => {
    const noKey = await call(system.apiUrl, 'POST', '/v1/orders', { body: order, token: trader.token })
    expect(noKey.status).toBe(400)
    expect(noKey.body.errors[0]!.message).toContain('idempotency-key')
    const badJson = await call(system.apiUrl, 'POST', '/v1/orders', {
      rawBody: '{"symbol": ',
      token: trader.token,
      headers: { 'idempotency-key': 'bad-json-0001' },
    })
    expect(badJson.status).toBe(400)
    const huge = await call(system.apiUrl, 'POST', '/v1/orders', {
      rawBody: JSON.stringify({ ...order, symbol: 'A'.repeat(2_000_000) }),
      token: trader.token,
      headers: { 'idempotency-key': 'huge-body-0001' },
    })
    expect(huge.status).toBe(413)
    await unchanged()
  })

  it('refuses orders without a valid session token', async () => {
    const none = await call(system.apiUrl, 'POST', '/v1/orders', {
      body: order,
      headers: { 'idempotency-key': 'no-token-0001' },
    })
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toBe('Bearer')
    const [accountId, expires] = trader.token.split('.')
    const forged = `${accountId}.${Number(expires) + 1_000_000}.${'A'.repeat(43)}`
    const otherKey = sessionTokens('another-deployment-secret-0123456789abcdef').issue(trader.accountId)
    for (const token of [forged, otherKey, 'not-a-token']) {
      const answer = await call(system.apiUrl, 'POST', '/v1/orders', {
        body: order,
        token,
        headers: { 'idempotency-key': `bad-token-${token.length}` },
      })
      expect(answer.status).toBe(401)
      expect(answer.body.errors[0]).toMatchObject({ code: 'UNAUTHENTICATED' })
    }
    await unchanged()
  })

  it("cannot cancel another account's order", async () => {
    const other = await Trader.open(system.apiUrl)
    const placed = await other.place({ ...order, limitCents: 900 })
    const orderId = (placed.body.data as { orderId: string }).orderId
    const answer = await trader.cancel(orderId)
    expect(answer.status).toBe(404)
    expect((await other.orders())[0]).toMatchObject({ orderId, state: 'accepted' })
    await unchanged()
  })

  it('refuses gRPC calls from callers a service does not allow, unsigned or signed with another secret', async () => {
    const place = {
      accountId: trader.accountId,
      idempotencyKey: 'grpc-direct-0001',
      symbol,
      side: Side.BUY,
      type: 1,
      quantity: 1,
      limitCents: 0,
    }
    const unsigned = await bareUnaryCall(OrderServiceService, system.grpc.orders, 'placeOrder', place)
    expect(unsigned?.code).toBe(status.UNAUTHENTICATED)
    const wrongSecret = signedAs('api', 'not-the-deployment-secret-but-long-enough')
    expect((await bareUnaryCall(OrderServiceService, system.grpc.orders, 'placeOrder', place, wrongSecret))?.code).toBe(
      status.UNAUTHENTICATED,
    )
    // Only the order service may hold buying power; the api (which faces the internet) may not.
    const hold = { orderId: 'ord_direct', accountId: trader.accountId, symbol, side: Side.BUY, cents: 1, quantity: 1 }
    const asApi = signedAs('api', system.grpcSecret)
    expect((await bareUnaryCall(PortfolioServiceService, system.grpc.portfolio, 'hold', hold, asApi))?.code).toBe(
      status.PERMISSION_DENIED,
    )
    await unchanged()
  })
})
