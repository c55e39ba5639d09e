import { randomUUID } from 'node:crypto'
import { status } from '@grpc/grpc-js'
import { OrderServiceService, Side } from '@wired/proto/robinhood/v1/orders'
import { bareUnaryCall, runModes, waitFor } from '@wired/testkit'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionTokens } from '../src/shared/session-token'
import { SYMBOLS } from '../src/shared/symbols'
import { PriceSocket } from './support/prices-client'
import { TickerReader } from './support/ticker-reader'
import { bootTrading, call, type RunningTrading, Trader } from './support/trading'

const STARTING_CASH = 10_000_000

/**
 * The compose pass's smoke subset (CI runs this file against the `robinhood` profile; it runs
 * embedded and native too). The market simulator is live here, so prices are whatever it says:
 * the checks reconcile against the fill prices the engine reports instead of set ones.
 */
describe.each(runModes())('robinhood smoke (%s)', (mode) => {
  let system: RunningTrading

  beforeAll(async () => {
    system = await bootTrading(mode)
  })
  afterAll(async () => {
    await system?.stop()
  })

  const filled = (trader: Trader, orderId: string) =>
    waitFor(
      async () => (await trader.orders()).find((order) => order.orderId === orderId && order.state === 'filled'),
      {
        timeoutMs: 20_000,
        what: `order ${orderId} filled`,
      },
    )

  it('buys at market, replays a retried key, refuses another body with it, and the cash reconciles', async () => {
    const trader = await Trader.open(system.apiUrl)
    const key = randomUUID()
    const order = { symbol: SYMBOLS[7], side: 'buy', type: 'market', quantity: 3 }
    const first = await trader.place(order, key)
    expect(first.status).toBe(201)
    const retry = await trader.place(order, key)
    expect(retry.status).toBe(200)
    expect(retry.body.data).toEqual(first.body.data)
    expect((await trader.place({ ...order, quantity: 4 }, key)).status).toBe(422)
    const done = await filled(trader, (first.body.data as { orderId: string }).orderId)
    const portfolio = await waitFor(async () => {
      const seen = await trader.portfolio()
      return seen.positions[0]?.quantity === 3 && seen.heldCents === 0 ? seen : undefined
    })
    expect(portfolio.cashCents).toBe(STARTING_CASH - 3 * done.fillPriceCents!)
    expect(await trader.orders()).toHaveLength(1)
  })

  it('streams prices: a protobuf WebSocket subscription with its snapshot, and the public SSE ticker', async () => {
    const symbols = SYMBOLS.slice(20, 25)
    const token = sessionTokens(system.grpcSecret).issue('acct_compose_smoke')
    const socket = await PriceSocket.open(system.pricesWs, token, 'protobuf')
    try {
      const answer = await socket.request('subscribe', [...symbols], 's1')
      expect(answer).toMatchObject({ type: 'subscribed', ref: 's1', symbols })
      const snapshot = (answer as { snapshot: Record<string, number> }).snapshot
      expect(Object.keys(snapshot).sort()).toEqual([...symbols].sort())
    } finally {
      socket.close()
    }
    const ticker = await TickerReader.open(`${system.pricesHttp}/v1/ticker?symbols=${symbols.join(',')}`)
    try {
      expect(ticker.status).toBe(200)
      const [first] = await ticker.waitFor(1)
      expect(first).toMatchObject({ event: 'snapshot' })
      expect(Object.keys(first!.data.prices as object).sort()).toEqual([...symbols].sort())
    } finally {
      ticker.close()
    }
  })

  it('refuses an unauthenticated order, a negative quantity and an unsigned gRPC call, changing nothing', async () => {
    const trader = await Trader.open(system.apiUrl)
    const order = { symbol: SYMBOLS[8], side: 'buy', type: 'market', quantity: 1 }
    const anonymous = await call(system.apiUrl, 'POST', '/v1/orders', {
      body: order,
      headers: { 'idempotency-key': randomUUID() },
    })
    expect(anonymous.status).toBe(401)
    expect((await trader.place({ ...order, quantity: -1 })).status).toBe(400)
    const place = {
      accountId: trader.accountId,
      idempotencyKey: randomUUID(),
      symbol: SYMBOLS[8],
      side: Side.BUY,
      type: 1,
      quantity: 1,
      limitCents: 0,
    }
    expect((await bareUnaryCall(OrderServiceService, system.grpc.orders, 'placeOrder', place))?.code).toBe(
      status.UNAUTHENTICATED,
    )
    expect(await trader.orders()).toEqual([])
    expect((await trader.portfolio()).cashCents).toBe(STARTING_CASH)
  })

  it('loses and repeats no order when the trade engine is killed with -9 mid-stream', async () => {
    if (!system.processes) throw new Error('this mode cannot kill a service')
    const traders = await Promise.all(Array.from({ length: 4 }, () => Trader.open(system.apiUrl)))
    let answered = 0
    const streaming = Promise.all(
      traders.map(async (trader, t) => {
        for (let i = 0; i < 25; i += 1) {
          const answer = await trader.place({
            symbol: SYMBOLS[10 + ((t + i) % 5)],
            side: 'buy',
            type: 'market',
            quantity: 1,
          })
          expect(answer.status).toBe(201)
          answered += 1
        }
      }),
    )
    await waitFor(() => answered >= 30, { timeoutMs: 30_000, what: '30 orders answered' })
    await system.processes.kill('engine')
    await streaming
    await system.processes.start('engine')
    const ids = new Set<string>()
    for (const trader of traders) {
      const orders = await waitFor(
        async () => {
          const seen = await trader.orders()
          return seen.every((order) => order.state === 'filled' || order.state === 'cancelled') ? seen : undefined
        },
        { timeoutMs: 60_000, what: 'every order finished' },
      )
      expect(orders).toHaveLength(25)
      for (const order of orders) ids.add(order.orderId)
      const portfolio = await waitFor(async () => {
        const seen = await trader.portfolio()
        return seen.heldCents === 0 ? seen : undefined
      })
      const spent = orders
        .filter((o) => o.state === 'filled')
        .reduce((sum, o) => sum + o.quantity * o.fillPriceCents!, 0)
      expect(portfolio.cashCents).toBe(STARTING_CASH - spent)
    }
    const db = new pg.Client({ connectionString: system.databaseUrl })
    await db.connect()
    try {
      const { rows } = await db.query<{ n: string }>(
        'SELECT count(*) AS n FROM rh_engine.processed_orders WHERE order_id = ANY($1)',
        [[...ids]],
      )
      expect(Number(rows[0]!.n)).toBe(100)
    } finally {
      await db.end()
    }
  }, 180_000)
})
