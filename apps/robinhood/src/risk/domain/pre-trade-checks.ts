import { OrderType, Side } from '@wired/proto/robinhood/v1/orders'
import { isListed } from '../../shared/symbols'

/** The limits a broker applies before an order may reach the market. */
export const LIMITS = {
  maxQuantity: 100_000,
  /** A limit further than this from the last price is almost surely a typo ($1,000 for $10.00). */
  bandPercent: 20,
  maxNotionalCents: 100_000_000, // $1,000,000
} as const

export interface OrderToCheck {
  symbol: string
  side: Side
  type: OrderType
  quantity: number
  limitCents: number
}

export type CheckResult =
  | { ok: true }
  | { ok: false; code: 'INVALID_ARGUMENT' | 'FAILED_PRECONDITION'; rule: string; message: string }

/**
 * Pure pre-trade checks against the last price. Shape errors (INVALID_ARGUMENT) come first, so
 * a malformed order is refused without a price; the market rules (FAILED_PRECONDITION) need one.
 */
export function checkOrder(order: OrderToCheck, lastPriceCents: number | undefined): CheckResult {
  const invalid = (rule: string, message: string): CheckResult => ({
    ok: false,
    code: 'INVALID_ARGUMENT',
    rule,
    message,
  })
  const refused = (rule: string, message: string): CheckResult => ({
    ok: false,
    code: 'FAILED_PRECONDITION',
    rule,
    message,
  })
  if (!isListed(order.symbol)) return invalid('UNKNOWN_SYMBOL', `${order.symbol.slice(0, 12)} is not listed`)
  if (order.side !== Side.BUY && order.side !== Side.SELL) return invalid('SIDE', 'side is buy or sell')
  if (order.type !== OrderType.MARKET && order.type !== OrderType.LIMIT)
    return invalid('TYPE', 'type is market or limit')
  if (!Number.isSafeInteger(order.quantity) || order.quantity < 1 || order.quantity > LIMITS.maxQuantity)
    return invalid('QUANTITY', `quantity is a whole number from 1 to ${LIMITS.maxQuantity}`)
  if (order.type === OrderType.LIMIT && (!Number.isSafeInteger(order.limitCents) || order.limitCents < 1))
    return invalid('LIMIT_PRICE', 'a limit order needs a positive limit price')
  if (lastPriceCents === undefined) return refused('NO_MARKET', 'no market price for this symbol right now')
  if (order.type === OrderType.LIMIT) {
    const distance = Math.abs(order.limitCents - lastPriceCents) / lastPriceCents
    if (distance * 100 > LIMITS.bandPercent)
      return refused('PRICE_BAND', `the limit is more than ${LIMITS.bandPercent}% away from the last price`)
  }
  const price = order.type === OrderType.LIMIT ? Math.max(order.limitCents, lastPriceCents) : lastPriceCents
  if (order.quantity * price > LIMITS.maxNotionalCents)
    return refused('NOTIONAL', 'the order is worth more than $1,000,000')
  return { ok: true }
}
