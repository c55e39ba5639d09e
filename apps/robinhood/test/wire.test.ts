import { hopsInOrder, hopIs as is, newTraceparent, runModes, waitForTrace } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYMBOLS } from '../src/shared/symbols'
import { bootTrading, call, type RunningTrading, Trader } from './support/trading'

describe.each(runModes())('the wire view of an order (%s)', (mode) => {
  let system: RunningTrading

  beforeAll(async () => {
    system = await bootTrading(mode)
  })
  afterAll(async () => {
    await system?.stop()
  })

  it('shows an order crossing REST → gRPC (risk, portfolio) → PostgreSQL → Kafka → engine → Kafka → portfolio', async () => {
    const symbol = SYMBOLS[450]!
    await system.setPrice(symbol, 7_000)
    const trader = await Trader.open(system.apiUrl)
    const { traceId, traceparent } = newTraceparent()
    const placed = await call(system.apiUrl, 'POST', '/v1/orders', {
      body: { symbol, side: 'buy', type: 'market', quantity: 1 },
      token: trader.token,
      headers: { 'idempotency-key': `traced-${traceId}`, traceparent },
    })
    expect(placed.status).toBe(201)

    const placing = [
      is('http', 'SERVER', /POST \/v1\/orders/, /api/),
      is('grpc', 'CLIENT', 'OrderService/PlaceOrder', /api/),
      is('grpc', 'SERVER', 'RiskService/CheckOrder', /risk/),
      is('redis', 'CLIENT', 'HGET', /risk/),
      is('grpc', 'SERVER', 'PortfolioService/Hold', /portfolio/),
      is('sql', 'CLIENT', 'INSERT holds', /portfolio/),
      is('sql', 'CLIENT', 'INSERT outbox', /orders/),
    ]
    // The outbox row carries the request's trace, so the relay's publish and everything after it
    // belong to the same trace even when the relay's timer sent it.
    const executing = [
      is('kafka', 'PRODUCER', /robinhood\.orders/, /orders/),
      is('kafka', 'CONSUMER', /robinhood\.orders/, /engine/),
      is('sql', 'CLIENT', 'INSERT outbox', /engine/),
      is('kafka', 'PRODUCER', /robinhood\.executions/, /engine/),
      is('kafka', 'CONSUMER', /robinhood\.executions/, /portfolio/),
      is('sql', 'CLIENT', /applied_executions/, /portfolio/),
    ]
    const hops = await waitForTrace(
      system.wireUrl,
      traceId,
      (seen) => hopsInOrder(seen, placing) && hopsInOrder(seen, executing),
    )
    const consumed = hops.find(executing[1]!)!
    expect(consumed.tags['messaging.kafka.message.key']).toBe(trader.accountId)
    expect(consumed.tags['wire.payload']).toContain(symbol)
  })
})
