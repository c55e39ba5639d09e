import { type Order, OrderType, Side } from '@wired/proto/robinhood/v1/orders'

export type Decision = { kind: 'fill'; priceCents: number } | { kind: 'rest' } | { kind: 'cancel'; reason: string }

export interface RestingOrder {
  orderId: string
  accountId: string
  symbol: string
  side: Side
  quantity: number
  limitCents: number
}

/** Whether the last price reaches a limit: at or below it for a buy, at or above for a sell. */
export const crosses = (side: Side, limitCents: number, priceCents: number): boolean =>
  side === Side.BUY ? priceCents <= limitCents : priceCents >= limitCents

/**
 * What the engine does with a new order at the current last price. Fills are at the last price
 * (never worse than a limit). A market buy carries its collar as limit_cents: past it the order
 * is cancelled rather than filled, because the buying power held covers the collar and no more.
 */
export function decide(order: Order, lastPriceCents: number | undefined): Decision {
  if (lastPriceCents === undefined) return { kind: 'cancel', reason: 'no market price' }
  if (order.type === OrderType.MARKET) {
    if (order.side === Side.BUY && lastPriceCents > order.limitCents)
      return { kind: 'cancel', reason: 'the price moved past the 5% collar before execution' }
    return { kind: 'fill', priceCents: lastPriceCents }
  }
  return crosses(order.side, order.limitCents, lastPriceCents)
    ? { kind: 'fill', priceCents: lastPriceCents }
    : { kind: 'rest' }
}
