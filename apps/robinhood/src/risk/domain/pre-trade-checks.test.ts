import { OrderType, Side } from '@wired/proto/robinhood/v1/orders'
import { describe, expect, it } from 'vitest'
import { SYMBOLS } from '../../shared/symbols'
import { checkOrder } from './pre-trade-checks'

const symbol = SYMBOLS[0]!
const order = { symbol, side: Side.BUY, type: OrderType.LIMIT, quantity: 10, limitCents: 10_000 }

describe('checkOrder', () => {
  it('passes an ordinary order', () => expect(checkOrder(order, 10_100)).toEqual({ ok: true }))

  it.each([
    [{ symbol: 'NOPE1' }, 'UNKNOWN_SYMBOL'],
    [{ quantity: 0 }, 'QUANTITY'],
    [{ quantity: -5 }, 'QUANTITY'],
    [{ quantity: 1.5 }, 'QUANTITY'],
    [{ quantity: Number.NaN }, 'QUANTITY'],
    [{ limitCents: 0 }, 'LIMIT_PRICE'],
    [{ limitCents: Number.NaN }, 'LIMIT_PRICE'],
    [{ side: 0 }, 'SIDE'],
  ])('refuses %o as %s', (change, rule) => {
    const result = checkOrder({ ...order, ...change }, 10_000)
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', rule })
  })

  it('refuses a limit far from the market, and a notional over the cap', () => {
    expect(checkOrder({ ...order, limitCents: 13_000 }, 10_000)).toMatchObject({ rule: 'PRICE_BAND' })
    expect(checkOrder({ ...order, type: OrderType.MARKET, quantity: 100_000 }, 10_000)).toMatchObject({
      rule: 'NOTIONAL',
    })
  })

  it('needs a market price for the market rules', () => {
    expect(checkOrder(order, undefined)).toMatchObject({ code: 'FAILED_PRECONDITION', rule: 'NO_MARKET' })
  })
})
