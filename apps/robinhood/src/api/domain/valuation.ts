import type { Portfolio } from '@wired/proto/robinhood/v1/orders'

/**
 * The portfolio valued at the last prices: market value and unrealised P&L per position, and
 * the totals. Pure; the page recomputes the same thing live from the SSE ticker.
 */
export function valuePortfolio(portfolio: Portfolio, lastPrices: ReadonlyMap<string, number>) {
  const positions = portfolio.positions.map((position) => {
    const lastPriceCents = lastPrices.get(position.symbol) ?? null
    const marketValueCents = lastPriceCents === null ? null : lastPriceCents * position.quantity
    return {
      symbol: position.symbol,
      quantity: position.quantity,
      heldQuantity: position.heldQuantity,
      costCents: position.costCents,
      lastPriceCents,
      marketValueCents,
      profitCents: marketValueCents === null ? null : marketValueCents - position.costCents,
    }
  })
  const marketValueCents = positions.reduce((sum, position) => sum + (position.marketValueCents ?? 0), 0)
  return {
    cashCents: portfolio.cashCents,
    heldCents: portfolio.heldCents,
    buyingPowerCents: portfolio.cashCents - portfolio.heldCents,
    marketValueCents,
    equityCents: portfolio.cashCents + marketValueCents,
    positions,
  }
}
