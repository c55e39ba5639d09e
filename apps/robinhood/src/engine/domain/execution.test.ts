import { type Order, OrderState, OrderType, Side } from '@wired/proto/robinhood/v1/orders'
import { describe, expect, it } from 'vitest'
import { crosses, decide } from './execution'

const order = (side: Side, type: OrderType, limitCents: number): Order => ({
  orderId: 'o',
  accountId: 'a',
  symbol: 'ABC',
  side,
  type,
  quantity: 1,
  limitCents,
  state: OrderState.ACCEPTED,
  fillPriceCents: 0,
  reason: '',
  createdAtMs: 0,
})

describe('decide', () => {
  it('fills market orders at the last price, within the collar', () => {
    expect(decide(order(Side.BUY, OrderType.MARKET, 1_050), 1_000)).toEqual({ kind: 'fill', priceCents: 1_000 })
    expect(decide(order(Side.SELL, OrderType.MARKET, 0), 1_000)).toEqual({ kind: 'fill', priceCents: 1_000 })
  })

  it('cancels a market buy whose price moved past its collar', () => {
    expect(decide(order(Side.BUY, OrderType.MARKET, 1_050), 1_051)).toMatchObject({ kind: 'cancel' })
  })

  it('fills a crossing limit at the (better) last price and rests the others', () => {
    expect(decide(order(Side.BUY, OrderType.LIMIT, 1_000), 990)).toEqual({ kind: 'fill', priceCents: 990 })
    expect(decide(order(Side.BUY, OrderType.LIMIT, 1_000), 1_010)).toEqual({ kind: 'rest' })
    expect(decide(order(Side.SELL, OrderType.LIMIT, 1_000), 1_010)).toEqual({ kind: 'fill', priceCents: 1_010 })
    expect(decide(order(Side.SELL, OrderType.LIMIT, 1_000), 990)).toEqual({ kind: 'rest' })
  })

  it('cancels without a market price', () => {
    expect(decide(order(Side.SELL, OrderType.LIMIT, 1_000), undefined)).toMatchObject({ kind: 'cancel' })
  })

  it('crosses at the limit itself', () => {
    expect(crosses(Side.BUY, 1_000, 1_000)).toBe(true)
    expect(crosses(Side.SELL, 1_000, 1_000)).toBe(true)
  })
})
