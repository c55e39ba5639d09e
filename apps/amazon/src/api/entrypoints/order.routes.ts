import { failure, ok, requirePrincipal } from '@wired/http'
import { type Order, OrderState } from '@wired/proto/amazon/v1/checkout'
import type { RedisClient } from '@wired/redis'
import { isAppError } from '@wired/runtime'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { OrdersClient } from '../../shared/clients'
import type { RedisKeys } from '../../shared/redis-keys'
import { checkoutBody, idempotencyHeaders, orderIdParams } from './schemas'

const orderView = (order: Order) => ({
  orderId: order.orderId,
  state: order.state === OrderState.PLACED ? 'placed' : 'pending',
  lines: order.lines,
  totalCents: order.totalCents,
  paymentId: order.paymentId,
  createdAtMs: order.createdAtMs,
})

/**
 * Checkout and orders over REST. A checkout needs an Idempotency-Key: a phone that lost the
 * response retries with the same key and gets the same order back (200, `Idempotent-Replayed:
 * true`) instead of paying twice; the same key with another cart is a client bug: 422.
 */
export function orderRoutes(
  app: FastifyInstance,
  deps: { orders: OrdersClient; redis: RedisClient; keys: RedisKeys },
  auth: preHandlerAsyncHookHandler,
): void {
  app.post<{ Body: { lines: Array<{ sku: string; quantity: number }>; cardToken: string } }>(
    '/v1/orders',
    { preHandler: auth, schema: { body: checkoutBody, headers: idempotencyHeaders } },
    async (request, reply) => {
      try {
        const { order, replayed } = await deps.orders.checkout({
          customerId: requirePrincipal(request).id,
          idempotencyKey: String(request.headers['idempotency-key']),
          lines: request.body.lines,
          cardToken: request.body.cardToken,
        })
        if (replayed) reply.header('idempotent-replayed', 'true')
        return reply.code(replayed ? 200 : 201).send(ok(orderView(order!)))
      } catch (error) {
        if (isAppError(error) && error.details?.reason === 'IDEMPOTENCY_KEY_REUSED')
          return reply.code(422).send(failure(error))
        throw error
      }
    },
  )

  app.get('/v1/orders', { preHandler: auth }, async (request) => {
    const { orders } = await deps.orders.listOrders({ customerId: requirePrincipal(request).id, limit: 50 })
    return ok(orders.map(orderView))
  })

  /** Order tracking: the order (order service) and what the shipping consumer wrote (Redis). */
  app.get<{ Params: { orderId: string } }>(
    '/v1/orders/:orderId',
    { preHandler: auth, schema: { params: orderIdParams } },
    async (request) => {
      const { order } = await deps.orders.getOrder({
        customerId: requirePrincipal(request).id,
        orderId: request.params.orderId,
      })
      const tracking = await deps.redis.hgetall(deps.keys.tracking(request.params.orderId))
      return ok({
        ...orderView(order!),
        tracking: tracking.state ? { state: tracking.state, carrier: tracking.carrier, number: tracking.number } : null,
      })
    },
  )
}
