import { Side } from '@wired/proto/robinhood/v1/orders'

export interface PositionBefore {
  quantity: number
  costCents: number
}

export interface FillEffect {
  /** Added to cash (negative for a buy). */
  cashDeltaCents: number
  quantity: number
  costCents: number
}

/**
 * What a fill does to cash and to one position. A buy adds its cost to the position's cost
 * basis; a sell removes the sold shares' share of it (average cost), so the P&L of what is left
 * stays what it was. Pure, so the money arithmetic is tested on its own.
 */
export function applyFill(before: PositionBefore, side: Side, quantity: number, priceCents: number): FillEffect {
  const notional = quantity * priceCents
  if (side === Side.BUY)
    return { cashDeltaCents: -notional, quantity: before.quantity + quantity, costCents: before.costCents + notional }
  if (quantity > before.quantity) throw new Error(`selling ${quantity} of a position of ${before.quantity}`)
  const soldCost = before.quantity === 0 ? 0 : Math.round((before.costCents * quantity) / before.quantity)
  return { cashDeltaCents: notional, quantity: before.quantity - quantity, costCents: before.costCents - soldCost }
}
