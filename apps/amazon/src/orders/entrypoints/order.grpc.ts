import { unary } from '@wired/grpc'
import type { OrderServiceServer } from '@wired/proto/amazon/v1/checkout'
import { AppError } from '@wired/runtime'
import type { OrderRepository } from '../adapters/order.repository'
import { type CheckoutDeps, checkout } from '../use-cases/checkout'

const ID = /^[A-Za-z0-9_-]{1,64}$/

const requireId = (value: string, field: string) => {
  if (!ID.test(value)) throw new AppError('INVALID_ARGUMENT', `${field} is not an id`)
  return value
}

/** OrderService over gRPC: validate ids → use case or repository. */
export function orderGrpcHandlers(deps: CheckoutDeps, orders: OrderRepository): OrderServiceServer {
  return {
    checkout: unary(async (request) => {
      requireId(request.customerId, 'customerId')
      return checkout(deps, request)
    }),

    getOrder: unary(async ({ customerId, orderId }) => {
      const order = await orders.get(requireId(customerId, 'customerId'), requireId(orderId, 'orderId'))
      if (!order) throw new AppError('NOT_FOUND', 'no such order')
      return { order }
    }),

    listOrders: unary(async ({ customerId, limit }) => {
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new AppError('INVALID_ARGUMENT', 'limit is 1-100')
      return { orders: await orders.recent(requireId(customerId, 'customerId'), limit) }
    }),
  }
}
