import { randomBytes } from 'node:crypto'
import type { OutboxRelay } from '@wired/db/outbox'
import type { CheckoutRequest, CheckoutResponse, Order } from '@wired/proto/amazon/v1/checkout'
import { OrderState } from '@wired/proto/amazon/v1/checkout'
import { AppError, isAppError, type Logger } from '@wired/runtime'
import { normalizeLines } from '../../shared/cart-lines'
import type { InventoryClient, PaymentClient, PricingClient } from '../../shared/clients'
import type { OrderRepository } from '../adapters/order.repository'
import { requestHash, requireIdempotencyKey } from '../domain/checkout-request'
import { retryIdempotent } from '../domain/retry'

/** A pending checkout older than this is not in flight any more (the api's deadline is 10 s). */
const RESUME_AFTER_MS = 12_000

export interface CheckoutDeps {
  orders: OrderRepository
  inventory: InventoryClient
  pricing: PricingClient
  payment: PaymentClient
  relay: OutboxRelay
  logger: Logger
  /** How long Reserve and Confirm are retried while inventory is unreachable (a restart). */
  inventoryRetry: { forMs: number; everyMs: number }
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
  const earlier = await replayOf(deps, request.customerId, key, hash, request.cardToken)
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
    const raced = await replayOf(deps, request.customerId, key, hash, request.cardToken)
    if (raced) return raced
    throw new AppError('CONFLICT', 'a checkout with this Idempotency-Key is in progress; retry')
  }

  try {
    // Reserve is keyed by the order id: a retry after a lost reply finds the reservation made.
    await retryIdempotent(() => deps.inventory.reserve({ reservationId: order.orderId, lines }), deps.inventoryRetry)
  } catch (error) {
    // Out of stock: nothing was reserved. Unreachable past the retries: if the reservation was
    // made, it expires and the inventory's sweeper releases it.
    await deps.orders.deletePending(order.orderId)
    throw error
  }
  return payAndPlace(deps, order, request.cardToken)
}

/**
 * Charge → confirm → place. Also how a pending checkout resumes when its key comes back (the
 * first attempt lost inventory mid-way): Charge is idempotent by order id at the processor and
 * Confirm by order id at inventory, so running this twice charges once and sells once.
 */
async function payAndPlace(deps: CheckoutDeps, order: Order, cardToken: string): Promise<CheckoutResponse> {
  let paymentId: string
  try {
    ;({ paymentId } = await deps.payment.charge({ orderId: order.orderId, amountCents: order.totalCents, cardToken }))
  } catch (error) {
    // Declined or past the deadline: the units go back at once.
    await giveBack(deps, order.orderId)
    throw error
  }
  try {
    await retryIdempotent(() => deps.inventory.confirm({ reservationId: order.orderId }), deps.inventoryRetry)
  } catch (error) {
    // Still unreachable after the retries: the sale may be recorded already, so the order stays
    // pending and the client's retry with the same key resumes it here. Refused (expired): undo.
    if (!isTransient(error)) await giveBack(deps, order.orderId)
    throw error
  }
  const placed = await deps.orders.place(order, paymentId)
  deps.relay.kick()
  return { order: placed, replayed: false }
}

const isTransient = (error: unknown) =>
  isAppError(error) && (error.code === 'UNAVAILABLE' || error.code === 'DEADLINE_EXCEEDED')

/** Declined, timed out or expired: release the units, and free the key for another try. */
async function giveBack(deps: CheckoutDeps, orderId: string) {
  try {
    await deps.inventory.release({ reservationId: orderId })
  } catch (error) {
    deps.logger.warn({ err: error, orderId }, 'release failed; the reservation expires instead')
  }
  await deps.orders.deletePending(orderId)
}

async function replayOf(deps: CheckoutDeps, customerId: string, key: string, hash: string, cardToken: string) {
  const found = await deps.orders.byKey(customerId, key)
  if (!found) return undefined
  if (found.requestHash !== hash)
    throw new AppError('ALREADY_EXISTS', 'this Idempotency-Key was used for a different checkout', {
      reason: 'IDEMPOTENCY_KEY_REUSED',
    })
  if (found.order.state === OrderState.PLACED) return { order: found.order, replayed: true }
  // Pending: in flight right now, or left by an attempt that lost inventory mid-way. Old enough
  // to be the second: resume it (idempotent steps only).
  if (Date.now() - found.order.createdAtMs < RESUME_AFTER_MS)
    throw new AppError('CONFLICT', 'a checkout with this Idempotency-Key is in progress; retry')
  return payAndPlace(deps, found.order, cardToken)
}
