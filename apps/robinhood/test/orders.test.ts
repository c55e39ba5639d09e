import { randomUUID } from 'node:crypto'
import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYMBOLS } from '../src/shared/symbols'
import { bootTrading, type RunningTrading, Trader } from './support/trading'

/** Each test trades its own symbols, so prices set by one never move another's orders. */
const symbolFor = (index: number) => SYMBOLS[100 + index]!

const STARTING_CASH = 10_000_000 // $100,000

describe.each(runModes())('orders over REST, executed from the Kafka order log (%s)', (mode) => {
  let system: RunningTrading

  beforeAll(async () => {
    system = await bootTrading(mode)
  })
  afterAll(async () => {
    await system?.stop()
  })

  const stateOf = async (trader: Trader, orderId: string, state: string) =>
    waitFor(async () => (await trader.orders()).find((order) => order.orderId === orderId && order.state === state), {
      timeoutMs: 15_000,
      what: `order ${orderId} ${state}`,
    })

  it('fills a market buy at the last price and moves cash and shares once', async () => {
    const trader = await Trader.open(system.apiUrl)
    const symbol = symbolFor(0)
    await system.setPrice(symbol, 12_345)
    const placed = await trader.place({ symbol, side: 'buy', type: 'market', quantity: 10 })
    expect(placed.status).toBe(201)
    expect(placed.body.data).toMatchObject({ symbol, side: 'buy', type: 'market', quantity: 10, state: 'accepted' })
    // The collar: a market buy may cost at most the last price + 5%.
    expect((placed.body.data as { limitCents: number }).limitCents).toBe(Math.ceil(12_345 * 1.05))

    const orderId = (placed.body.data as { orderId: string }).orderId
    const filled = await stateOf(trader, orderId, 'filled')
    expect(filled.fillPriceCents).toBe(12_345)
    const portfolio = await waitFor(async () => {
      const seen = await trader.portfolio()
      return seen.positions.length === 1 && seen.heldCents === 0 ? seen : undefined
    })
    expect(portfolio).toMatchObject({
      cashCents: STARTING_CASH - 123_450,
      heldCents: 0,
      buyingPowerCents: STARTING_CASH - 123_450,
    })
    expect(portfolio.positions).toEqual([
      expect.objectContaining({ symbol, quantity: 10, heldQuantity: 0, costCents: 123_450 }),
    ])
  })

  it('places an order once per Idempotency-Key: a retry replays, another body gets 422', async () => {
    const trader = await Trader.open(system.apiUrl)
    const symbol = symbolFor(1)
    await system.setPrice(symbol, 5_000)
    const key = randomUUID()
    const order = { symbol, side: 'buy', type: 'market', quantity: 3 }
    const first = await trader.place(order, key)
    const retry = await trader.place(order, key)
    expect(first.status).toBe(201)
    expect(retry.status).toBe(200)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(retry.body.data).toEqual(first.body.data)

    const changed = await trader.place({ ...order, quantity: 4 }, key)
    expect(changed.status).toBe(422)
    expect(changed.body.errors[0]).toMatchObject({
      code: 'ALREADY_EXISTS',
      details: { reason: 'IDEMPOTENCY_KEY_REUSED' },
    })

    await stateOf(trader, (first.body.data as { orderId: string }).orderId, 'filled')
    expect(await trader.orders()).toHaveLength(1)
    await waitFor(async () => (await trader.portfolio()).positions[0]?.quantity === 3)
    expect((await trader.portfolio()).cashCents).toBe(STARTING_CASH - 15_000)
  })

  it('rests a limit order until a tick reaches it, and fills at that price', async () => {
    const trader = await Trader.open(system.apiUrl)
    const symbol = symbolFor(2)
    await system.setPrice(symbol, 10_000)
    const placed = await trader.place({ symbol, side: 'buy', type: 'limit', quantity: 5, limitCents: 9_500 })
    expect(placed.status).toBe(201)
    const orderId = (placed.body.data as { orderId: string }).orderId
    // Held: 5 × $95.00 of buying power, before any fill.
    await waitFor(async () => (await trader.portfolio()).heldCents === 47_500)
    await system.setPrice(symbol, 9_700)
    await system.setPrice(symbol, 9_480)
    const filled = await stateOf(trader, orderId, 'filled')
    expect(filled.fillPriceCents).toBe(9_480)
    await waitFor(async () => (await trader.portfolio()).heldCents === 0)
    expect((await trader.portfolio()).cashCents).toBe(STARTING_CASH - 5 * 9_480)
  })

  it('cancels a resting limit order and gives its buying power back; a filled order cannot be cancelled', async () => {
    const trader = await Trader.open(system.apiUrl)
    const symbol = symbolFor(3)
    await system.setPrice(symbol, 2_000)
    const resting = await trader.place({ symbol, side: 'buy', type: 'limit', quantity: 100, limitCents: 1_900 })
    const orderId = (resting.body.data as { orderId: string }).orderId
    await waitFor(async () => (await trader.portfolio()).heldCents === 190_000)
    const cancel = await trader.cancel(orderId)
    expect(cancel.status).toBe(202)
    expect(cancel.body.data).toMatchObject({ state: 'cancel_requested' })
    const cancelled = await stateOf(trader, orderId, 'cancelled')
    expect(cancelled.reason).toBe('cancelled by the account')
    await waitFor(async () => (await trader.portfolio()).heldCents === 0)

    const market = await trader.place({ symbol, side: 'buy', type: 'market', quantity: 1 })
    const marketId = (market.body.data as { orderId: string }).orderId
    await stateOf(trader, marketId, 'filled')
    const late = await trader.cancel(marketId)
    expect(late.status).toBe(409)
    expect(late.body.errors[0]).toMatchObject({ code: 'FAILED_PRECONDITION' })
  })

  it('sells shares it holds, and refuses to sell more than it has or to buy beyond buying power', async () => {
    const trader = await Trader.open(system.apiUrl)
    const symbol = symbolFor(4)
    await system.setPrice(symbol, 1_000)
    const buy = await trader.place({ symbol, side: 'buy', type: 'market', quantity: 20 })
    await stateOf(trader, (buy.body.data as { orderId: string }).orderId, 'filled')
    await waitFor(async () => (await trader.portfolio()).positions[0]?.quantity === 20)

    const oversell = await trader.place({ symbol, side: 'sell', type: 'market', quantity: 21 })
    expect(oversell.status).toBe(409)
    expect(oversell.body.errors[0]).toMatchObject({
      code: 'FAILED_PRECONDITION',
      details: { reason: 'INSUFFICIENT_SHARES' },
    })

    await system.setPrice(symbol, 1_100)
    const sell = await trader.place({ symbol, side: 'sell', type: 'market', quantity: 5 })
    await stateOf(trader, (sell.body.data as { orderId: string }).orderId, 'filled')
    const after = await waitFor(async () => {
      const seen = await trader.portfolio()
      return seen.positions[0]?.quantity === 15 ? seen : undefined
    })
    // Bought 20 at $10.00, sold 5 at $11.00; the 15 left keep their $10.00 average cost.
    expect(after.cashCents).toBe(STARTING_CASH - 20_000 + 5_500)
    expect(after.positions[0]).toMatchObject({ quantity: 15, costCents: 15_000 })

    const before = await trader.portfolio()
    const tooBig = await trader.place({ symbol, side: 'buy', type: 'limit', quantity: 90_000, limitCents: 1_100 })
    expect(tooBig.status).toBe(409)
    expect(tooBig.body.errors[0]).toMatchObject({ details: { reason: 'INSUFFICIENT_BUYING_POWER' } })
    expect(await trader.portfolio()).toEqual(before)
    expect(await trader.orders()).toHaveLength(2)
  })

  it('tells the account about fills and cancels (notification consumer → Redis)', async () => {
    const trader = await Trader.open(system.apiUrl)
    const symbol = symbolFor(5)
    await system.setPrice(symbol, 4_321)
    await trader.place({ symbol, side: 'buy', type: 'market', quantity: 2 })
    const notices = await waitFor(async () => {
      const answer = await fetch(`${system.apiUrl}/v1/notifications`, {
        headers: { authorization: `Bearer ${trader.token}` },
      })
      const { data } = (await answer.json()) as { data: Array<{ text: string }> }
      return data.length > 0 ? data : undefined
    })
    expect(notices[0]!.text).toBe(`Bought 2 ${symbol} at $43.21`)
  })
})
