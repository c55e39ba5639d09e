import { createHash } from 'node:crypto'
import { type Order, OrderState, OrderType, Side } from '@wired/proto/robinhood/v1/orders'
import { AppError } from '@wired/runtime'

/** Market buys hold the last price plus this, and the engine refuses to pay more (the collar). */
export const MARKET_BUY_COLLAR_PERCENT = 5

/** An Idempotency-Key as clients send them: a UUID or any token of printable ASCII. */
const KEY = /^[\x21-\x7e]{8,100}$/

export interface OrderFields {
  symbol: string
  side: Side
  type: OrderType
  quantity: number
  limitCents: number
}

export function requireIdempotencyKey(key: string): string {
  if (!KEY.test(key)) throw new AppError('INVALID_ARGUMENT', 'Idempotency-Key is 8-100 printable characters')
  return key
}

/**
 * The request's fingerprint: the same key with the same fields is a retry (replayed), the same
 * key with other fields is a client bug (refused). Fields are hashed in a fixed order.
 */
export function requestHash(fields: OrderFields): string {
  const canonical = [fields.symbol, fields.side, fields.type, fields.quantity, fields.limitCents].join('|')
  return createHash('sha256').update(canonical).digest('hex')
}

/**
 * What the order reserves and the price it may not cross. A buy holds cash: the limit times the
 * quantity, or for a market order the last price plus the collar (the engine cancels the order
 * rather than pay more, so the hold always covers the fill). A sell holds its shares.
 */
export function reservation(fields: OrderFields, lastPriceCents: number): { holdCents: number; limitCents: number } {
  if (fields.side === Side.SELL)
    return { holdCents: 0, limitCents: fields.type === OrderType.LIMIT ? fields.limitCents : 0 }
  const limitCents =
    fields.type === OrderType.LIMIT
      ? fields.limitCents
      : Math.ceil((lastPriceCents * (100 + MARKET_BUY_COLLAR_PERCENT)) / 100)
  return { holdCents: limitCents * fields.quantity, limitCents }
}

/** What a replayed key answers: the order as it was accepted, whatever happened to it since. */
export function asAccepted(order: Order): Order {
  return { ...order, state: OrderState.ACCEPTED, fillPriceCents: 0, reason: '' }
}
