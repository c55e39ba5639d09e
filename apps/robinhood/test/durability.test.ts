import { runModes, waitFor } from '@wired/testkit'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYMBOLS } from '../src/shared/symbols'
import { bootTrading, type OrderSeen, type RunningTrading, Trader } from './support/trading'

const STARTING_CASH = 2_000_000 // $20,000 each: buying power runs out part-way, so some orders are refused
const TRADERS = 10
const ORDERS_EACH = 100
/** Fixed prices (no ticks during the test), so every fill's price is known. */
const PRICES = new Map(SYMBOLS.slice(200, 205).map((symbol, index) => [symbol, 10_000 + index * 2_500]))

describe.each(runModes())('the trade engine killed with -9 mid-stream (%s)', (mode) => {
  let system: RunningTrading

  beforeAll(async () => {
    system = await bootTrading(mode, { env: { STARTING_CASH_CENTS: String(STARTING_CASH) } })
    for (const [symbol, cents] of PRICES) await system.setPrice(symbol, cents)
  })
  afterAll(async () => {
    await system?.stop()
  })

  it('executes each of 1,000 orders exactly once, and cash and positions reconcile to the order log', async () => {
    if (!system.processes) throw new Error('this mode cannot kill a service')
    const traders = await Promise.all(Array.from({ length: TRADERS }, () => Trader.open(system.apiUrl)))
    const symbols = [...PRICES.keys()]
    let answered = 0
    const statuses = new Map<number, number>()
    // Each trader sends its orders one after another (buy, buy, sell, ...); the ten run at once.
    const streaming = Promise.all(
      traders.map(async (trader, t) => {
        for (let i = 0; i < ORDERS_EACH; i += 1) {
          const symbol = symbols[(t + i) % symbols.length]!
          const side = i % 3 === 2 ? 'sell' : 'buy'
          const answer = await trader.place({ symbol, side, type: 'market', quantity: 1 + ((t * 7 + i) % 4) })
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
          answered += 1
        }
      }),
    )
    await waitFor(() => answered >= 200, { timeoutMs: 60_000, what: '200 orders answered' })
    await system.processes.kill('engine')
    await waitFor(() => answered >= 500, { timeoutMs: 60_000, what: '500 orders answered' })
    await system.processes.start('engine')
    await streaming

    // Every order was answered: accepted (201) or refused for buying power or shares (409).
    expect([...statuses.keys()].sort()).toEqual([201, 409])
    expect(statuses.get(201)! + statuses.get(409)!).toBe(TRADERS * ORDERS_EACH)

    const finished = (orders: OrderSeen[]) =>
      orders.every((order) => order.state === 'filled' || order.state === 'cancelled')
    for (const trader of traders) {
      const orders = await waitFor(
        async () => {
          const seen = await trader.orders()
          return finished(seen) ? seen : undefined
        },
        { timeoutMs: 60_000, what: 'every order of a trader to be filled or cancelled' },
      )
      const portfolio = await waitFor(
        async () => {
          const seen = await trader.portfolio()
          return seen.heldCents === 0 && seen.positions.every((position) => position.heldQuantity === 0)
            ? seen
            : undefined
        },
        { timeoutMs: 60_000, what: 'the portfolio to apply every execution' },
      )
      // The order log, replayed by hand: what the account must hold if each fill counted once.
      let cash = STARTING_CASH
      const shares = new Map<string, number>()
      for (const order of orders.filter((seen) => seen.state === 'filled')) {
        expect(order.fillPriceCents).toBe(PRICES.get(order.symbol))
        const sign = order.side === 'buy' ? 1 : -1
        cash -= sign * order.quantity * order.fillPriceCents!
        shares.set(order.symbol, (shares.get(order.symbol) ?? 0) + sign * order.quantity)
      }
      expect(portfolio.cashCents).toBe(cash)
      expect(portfolio.buyingPowerCents).toBeGreaterThanOrEqual(0)
      const held = Object.fromEntries(portfolio.positions.map((position) => [position.symbol, position.quantity]))
      expect(held).toEqual(Object.fromEntries([...shares].filter(([, quantity]) => quantity > 0)))
    }

    // Exactly once inside the engine: one decision per accepted order, one execution record each.
    const client = new pg.Client({ connectionString: system.databaseUrl })
    await client.connect()
    try {
      const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n)
      const accepted = statuses.get(201)!
      expect(await count('SELECT count(*) AS n FROM rh_engine.processed_orders')).toBe(accepted)
      expect(await count('SELECT count(*) AS n FROM rh_engine.outbox')).toBe(accepted)
      expect(await count('SELECT count(*) AS n FROM rh_portfolio.applied_executions')).toBe(accepted)
      // The portfolio's CHECK constraint is what "never negative" rests on: it must be there.
      expect(
        await count(
          "SELECT count(*) AS n FROM pg_constraint WHERE conname = 'buying_power_not_negative' AND connamespace = 'rh_portfolio'::regnamespace",
        ),
      ).toBe(1)
    } finally {
      await client.end()
    }
  }, 240_000)
})
