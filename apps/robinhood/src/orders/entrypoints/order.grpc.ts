import type { OutboxRelay } from '@wired/db/outbox'
import { unary } from '@wired/grpc'
import type { OrderServiceServer } from '@wired/proto/robinhood/v1/orders'
import { AppError } from '@wired/runtime'
import type { OrderRepository } from '../adapters/order.repository'
import { type PlaceOrderDeps, placeOrder } from '../use-cases/place-order'

const ID = /^[A-Za-z0-9_-]{1,64}$/

const requireId = (value: string, field: string) => {
  if (!ID.test(value)) throw new AppError('INVALID_ARGUMENT', `${field} is not an id`)
  return value
}

/** OrderService over gRPC: validate ids → use case or repository. */
export function orderGrpcHandlers(
  deps: PlaceOrderDeps,
  orders: OrderRepository,
  relay: OutboxRelay,
): OrderServiceServer {
  return {
    placeOrder: unary(async (request) => {
      requireId(request.accountId, 'accountId')
      return placeOrder(deps, request)
    }),

    cancelOrder: unary(async ({ accountId, orderId }) => {
      const order = await orders.requestCancel(requireId(accountId, 'accountId'), requireId(orderId, 'orderId'))
      relay.kick()
      return { order }
    }),

    listOrders: unary(async ({ accountId, limit }) => {
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError('INVALID_ARGUMENT', 'limit is 1-200')
      return { orders: await orders.recent(requireId(accountId, 'accountId'), limit) }
    }),
  }
}
