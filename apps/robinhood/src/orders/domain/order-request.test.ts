import { OrderType, Side } from '@wired/proto/robinhood/v1/orders'
import { describe, expect, it } from 'vitest'
import { requestHash, requireIdempotencyKey, reservation } from './order-request'

const buy = { symbol: 'ABC', side: Side.BUY, type: OrderType.MARKET, quantity: 3, limitCents: 0 }

describe('order requests', () => {
  it('hashes equal fields equally and any change differently', () => {
    expect(requestHash(buy)).toBe(requestHash({ ...buy }))
    expect(requestHash({ ...buy, quantity: 4 })).not.toBe(requestHash(buy))
    expect(requestHash({ ...buy, side: Side.SELL })).not.toBe(requestHash(buy))
  })

  it('a market buy holds the last price plus the 5% collar', () => {
    expect(reservation(buy, 1_000)).toEqual({ holdCents: 3_150, limitCents: 1_050 })
  })

  it('a limit buy holds its limit; a sell holds no cash', () => {
    expect(reservation({ ...buy, type: OrderType.LIMIT, limitCents: 990 }, 1_000)).toEqual({
      holdCents: 2_970,
      limitCents: 990,
    })
    expect(reservation({ ...buy, side: Side.SELL }, 1_000)).toEqual({ holdCents: 0, limitCents: 0 })
  })

  it('refuses keys that are too short, too long or not printable', () => {
    expect(() => requireIdempotencyKey('short')).toThrow(/Idempotency-Key/)
    expect(() => requireIdempotencyKey('x'.repeat(101))).toThrow(/Idempotency-Key/)
    expect(() => requireIdempotencyKey('has a space')).toThrow(/Idempotency-Key/)
    expect(requireIdempotencyKey('0b7c7c1e-aaaa-bbbb-cccc-123456789012')).toHaveLength(36)
  })
})
