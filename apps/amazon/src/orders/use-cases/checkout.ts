import { randomBytes } from 'node:crypto'
import type { CheckoutRequest, CheckoutResponse, Order } from '@wired/proto/amazon/v1/checkout'
import { OrderState } from '@wired/proto/amazon/v1/checkout'
import { AppError, type Logger } from '@wired/runtime'
import { normalizeLines } from '../../shared/cart-lines'
import type { InventoryClient, PaymentClient, PricingClient } from '../../shared/clients'
import type { OutboxRelay } from '../../shared/outbox'
import type { OrderRepository } from '../adapters/order.repository'
import { requestHash, requireIdempotencyKey } from '../domain/checkout-request'

export interface CheckoutDeps {
  orders: OrderRepository
  inventory: InventoryClient
  pricing: PricingClient
  payment: PaymentClient
  relay: OutboxRelay
  logger: Logger
}

/**
 * A checkout, as a story: the key decides replay or conflict → pricing quotes the cart (the
 * client's idea of the price is never asked) → the order is stored pending under its key →
 * inventory reserves every line at once (Redis Lua) → payment charges the card (deadline 1.5 s)
 * → inventory confirms the sale (PostgreSQL) → the order is placed with its OrderPlaced record
 * in one transaction → the relay puts it on amazon.orders.
 *
 * Any failure after the reserve releases it; a crash after the reserve leaves a reservation the
 * inventory's sweeper releases when it expires. Either way the units come back.
 */
export async function checkout(deps: CheckoutDeps, request: CheckoutRequest): Promise<CheckoutResponse> {
  const key = requireIdempotencyKey(request.idempotencyKey)
  const lines = normalizeLines(request.lines)
  const hash = requestHash(request)
  const earlier = await replayOf(deps, request.customerId, key, hash)
  if (earlier) return earlier

  const quote = await deps.pricing.quote({ lines })
  const order: Order = {
    orderId: `ord_${randomBytes(9).toString('base64url')}`,
    customerId: request.customerId,
    lines: quote.lines,
    totalCents: quote.totalCents,
    state: OrderState.UNSPECIFIED,
    paymentId: '',
    tracking: '',
    createdAtMs: Date.now(),
  }
  if (!(await deps.orders.insertPending(order, key, hash))) {
    const raced = await replayOf(deps, request.customerId, key, hash)
    if (raced) return raced
    throw new AppError('CONFLICT', 'a checkout with this Idempotency-Key is in progress; retry')
  }

  try {
    await deps.inventory.reserve({ reservationId: order.orderId, lines })
  } catch (error) {
    // Out of stock: nothing was reserved. Timed out: the reservation may exist, and expires.
    await deps.orders.deletePending(order.orderId)
    throw error
  }
  let paymentId: string
  try {
    ;({ paymentId } = await deps.payment.charge({
      orderId: order.orderId,
      amountCents: order.totalCents,
      cardToken: request.cardToken,
    }))
    await deps.inventory.confirm({ reservationId: order.orderId })
  } catch (error) {
    await giveBack(deps, order.orderId)
    throw error
  }
  const placed = await deps.orders.place(order, paymentId)
  deps.relay.kick()
  return { order: placed, replayed: false }
}

/** Declined, timed out or expired: release the units, and free the key for another try. */
async function giveBack(deps: CheckoutDeps, orderId: string) {
  try {
    await deps.inventory.release({ reservationId: orderId })
  } catch (error) {
    deps.logger.warn({ err: error, orderId }, 'release failed; the reservation expires instead')
  }
  await deps.orders.deletePending(orderId)
}

async function replayOf(deps: CheckoutDeps, customerId: string, key: string, hash: string) {
  const found = await deps.orders.byKey(customerId, key)
  if (!found) return undefined
  if (found.requestHash !== hash)
    throw new AppError('ALREADY_EXISTS', 'this Idempotency-Key was used for a different checkout', {
      reason: 'IDEMPOTENCY_KEY_REUSED',
    })
  if (found.order.state !== OrderState.PLACED)
    throw new AppError('CONFLICT', 'a checkout with this Idempotency-Key is in progress; retry')
  return { order: found.order, replayed: true }
}
