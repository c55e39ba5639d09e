import { describe, expect, it } from 'vitest'
import { valuePortfolio } from './valuation'

describe('valuePortfolio', () => {
  it('values positions at the last price and adds them to cash', () => {
    const valued = valuePortfolio(
      {
        accountId: 'a',
        cashCents: 10_000,
        heldCents: 2_500,
        positions: [
          { symbol: 'ABC', quantity: 3, heldQuantity: 1, costCents: 3_000 },
          { symbol: 'XYZ', quantity: 1, heldQuantity: 0, costCents: 500 },
        ],
      },
      new Map([['ABC', 1_200]]),
    )
    expect(valued).toMatchObject({ buyingPowerCents: 7_500, marketValueCents: 3_600, equityCents: 13_600 })
    expect(valued.positions[0]).toMatchObject({ marketValueCents: 3_600, profitCents: 600 })
    expect(valued.positions[1]).toMatchObject({ lastPriceCents: null, profitCents: null })
  })
})
