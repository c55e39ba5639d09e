import { randomBytes } from 'node:crypto'
import type { OutboxRelay } from '@wired/db/outbox'
import type { Order, PlaceOrderRequest, PlaceOrderResponse } from '@wired/proto/robinhood/v1/orders'
import { OrderState } from '@wired/proto/robinhood/v1/orders'
import { AppError, isAppError } from '@wired/runtime'
import type { PortfolioClient, RiskClient } from '../../shared/clients'
import type { OrderRepository } from '../adapters/order.repository'
import { asAccepted, requestHash, requireIdempotencyKey, reservation } from '../domain/order-request'

export interface PlaceOrderDeps {
  orders: OrderRepository
  risk: RiskClient
  portfolio: PortfolioClient
  relay: OutboxRelay
}

/**
 * Placing an order, as a story: the key decides replay or conflict → risk checks it against the
 * last price → the order is stored NEW under its key → portfolio holds the buying power → the
 * order turns ACCEPTED with its OrderPlaced record in the same transaction → the relay puts it on
 * robinhood.orders. A crash after the hold leaves a NEW order that the sweeper releases.
 */
export async function placeOrder(deps: PlaceOrderDeps, request: PlaceOrderRequest): Promise<PlaceOrderResponse> {
  const key = requireIdempotencyKey(request.idempotencyKey)
  const hash = requestHash(request)
  const earlier = await replayOf(deps, request.accountId, key, hash)
  if (earlier) return earlier

  const { lastPriceCents } = await deps.risk.checkOrder(request)
  const { holdCents, limitCents } = reservation(request, lastPriceCents)
  const order: Order = {
    orderId: `ord_${randomBytes(9).toString('base64url')}`,
    accountId: request.accountId,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    quantity: request.quantity,
    limitCents,
    state: OrderState.UNSPECIFIED,
    fillPriceCents: 0,
    reason: '',
    createdAtMs: Date.now(),
  }
  if (!(await deps.orders.insertNew(order, key, hash))) {
    // Another request with this key won the insert a moment ago.
    const raced = await replayOf(deps, request.accountId, key, hash)
    if (raced) return raced
    throw new AppError('CONFLICT', 'a request with this Idempotency-Key is in progress; retry')
  }

  try {
    await deps.portfolio.hold({ ...order, cents: holdCents })
  } catch (error) {
    // Refused (buying power, shares): nothing is held, so the order goes and nothing changed.
    // Timed out: the hold may exist; the row stays NEW and the sweeper releases it.
    if (isAppError(error) && (error.code === 'FAILED_PRECONDITION' || error.code === 'NOT_FOUND'))
      await deps.orders.deleteNew(order.orderId)
    throw error
  }
  const accepted = await deps.orders.accept(order)
  deps.relay.kick()
  return { order: accepted, replayed: false }
}

async function replayOf(deps: PlaceOrderDeps, accountId: string, key: string, hash: string) {
  const found = await deps.orders.byKey(accountId, key)
  if (!found) return undefined
  if (found.requestHash !== hash)
    throw new AppError('ALREADY_EXISTS', 'this Idempotency-Key was used for a different order', {
      reason: 'IDEMPOTENCY_KEY_REUSED',
    })
  if (found.order.state === OrderState.UNSPECIFIED)
    throw new AppError('CONFLICT', 'a request with this Idempotency-Key is in progress; retry')
  return { order: asAccepted(found.order), replayed: true }
}
