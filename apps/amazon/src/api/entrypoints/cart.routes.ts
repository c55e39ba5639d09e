import { ok, requirePrincipal } from '@wired/http'
import type { RedisClient } from '@wired/redis'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { RedisKeys } from '../../shared/redis-keys'
import { skuParams } from './schemas'

/** The cart: a Redis hash per customer (HSET / HDEL / HGETALL), priced only at checkout. */
export function cartRoutes(
  app: FastifyInstance,
  deps: { redis: RedisClient; keys: RedisKeys },
  auth: preHandlerAsyncHookHandler,
) {
  const cartOf = async (customerId: string) =>
    Object.entries(await deps.redis.hgetall(deps.keys.cart(customerId)))
      .map(([sku, quantity]) => ({ sku, quantity: Number(quantity) }))
      .sort((a, b) => a.sku.localeCompare(b.sku))

  app.get('/v1/cart', { preHandler: auth }, async (request) => ok(await cartOf(requirePrincipal(request).id)))

  app.put<{ Params: { sku: string }; Body: { quantity: number } }>(
    '/v1/cart/:sku',
    {
      preHandler: auth,
      schema: {
        params: skuParams,
        body: {
          type: 'object',
          required: ['quantity'],
          additionalProperties: false,
          properties: { quantity: { type: 'integer', minimum: 0, maximum: 10 } },
        },
      },
    },
    async (request) => {
      const customerId = requirePrincipal(request).id
      const key = deps.keys.cart(customerId)
      if (request.body.quantity === 0) await deps.redis.hdel(key, request.params.sku)
      else await deps.redis.hset(key, request.params.sku, request.body.quantity)
      return ok(await cartOf(customerId))
    },
  )
}
