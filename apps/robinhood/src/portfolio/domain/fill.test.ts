import { Side } from '@wired/proto/robinhood/v1/orders'
import { describe, expect, it } from 'vitest'
import { applyFill } from './fill'

describe('applyFill', () => {
  it('a buy pays the notional and adds it to the cost basis', () => {
    expect(applyFill({ quantity: 2, costCents: 2_000 }, Side.BUY, 3, 1_100)).toEqual({
      cashDeltaCents: -3_300,
      quantity: 5,
      costCents: 5_300,
    })
  })

  it('a sell is paid the notional and removes the average cost of the sold shares', () => {
    expect(applyFill({ quantity: 4, costCents: 4_000 }, Side.SELL, 1, 1_500)).toEqual({
      cashDeltaCents: 1_500,
      quantity: 3,
      costCents: 3_000,
    })
  })

  it('selling everything leaves no cost behind', () => {
    expect(applyFill({ quantity: 3, costCents: 1_000 }, Side.SELL, 3, 500)).toEqual({
      cashDeltaCents: 1_500,
      quantity: 0,
      costCents: 0,
    })
  })

  it('refuses to sell shares the position does not have', () => {
    expect(() => applyFill({ quantity: 1, costCents: 100 }, Side.SELL, 2, 100)).toThrow(/selling 2/)
  })
})
