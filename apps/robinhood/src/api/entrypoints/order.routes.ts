import { failure, ok, requirePrincipal } from '@wired/http'
import { isAppError } from '@wired/runtime'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { OrdersClient } from '../../shared/clients'
import { orderView, sideFrom, typeFrom } from '../domain/views'
import { idempotencyHeaders, orderBody, orderIdParams } from './schemas'

interface OrderBody {
  symbol: string
  side: 'buy' | 'sell'
  type: 'market' | 'limit'
  quantity: number
  limitCents?: number
}

/**
 * Orders over REST. Placing one needs an Idempotency-Key: a phone that lost the response retries
 * with the same key and gets the same order back (200, `Idempotent-Replayed: true`) instead of
 * buying twice; the same key with another body is a client bug and gets 422.
 */
export function orderRoutes(app: FastifyInstance, orders: OrdersClient, auth: preHandlerAsyncHookHandler): void {
  app.post<{ Body: OrderBody; Headers: { 'idempotency-key': string } }>(
    '/v1/orders',
    { preHandler: auth, schema: { body: orderBody, headers: idempotencyHeaders } },
    async (request, reply) => {
      const body = request.body
      try {
        const { order, replayed } = await orders.placeOrder({
          accountId: requirePrincipal(request).id,
          idempotencyKey: request.headers['idempotency-key'],
          symbol: body.symbol,
          side: sideFrom(body.side),
          type: typeFrom(body.type),
          quantity: body.quantity,
          limitCents: body.limitCents ?? 0,
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

  app.delete<{ Params: { orderId: string } }>(
    '/v1/orders/:orderId',
    { preHandler: auth, schema: { params: orderIdParams } },
    async (request, reply) => {
      const { order } = await orders.cancelOrder({
        accountId: requirePrincipal(request).id,
        orderId: request.params.orderId,
      })
      // 202: the cancel is requested; the engine decides (a limit that just filled stays filled).
      return reply.code(202).send(ok(orderView(order!)))
    },
  )

  app.get<{ Querystring: { limit?: number } }>(
    '/v1/orders',
    {
      preHandler: auth,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 200 } },
        },
      },
    },
    async (request) => {
      const { orders: recent } = await orders.listOrders({
        accountId: requirePrincipal(request).id,
        limit: request.query.limit ?? 50,
      })
      return ok(recent.map(orderView))
    },
  )
}
