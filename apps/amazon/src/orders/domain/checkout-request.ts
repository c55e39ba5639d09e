import { createHash } from 'node:crypto'
import type { CheckoutRequest } from '@wired/proto/amazon/v1/checkout'
import { AppError } from '@wired/runtime'

const KEY = /^[\x21-\x7e]{8,100}$/

export function requireIdempotencyKey(key: string): string {
  if (!KEY.test(key)) throw new AppError('INVALID_ARGUMENT', 'Idempotency-Key is 8-100 printable characters')
  return key
}

/** What a replay must match: the cart (sorted, so line order does not matter) and the card. */
export function requestHash(request: CheckoutRequest): string {
  const lines = [...request.lines].sort((a, b) => a.sku.localeCompare(b.sku)).map((l) => `${l.sku}x${l.quantity}`)
  return createHash('sha256')
    .update(`${lines.join(',')}|${request.cardToken}`)
    .digest('hex')
}
