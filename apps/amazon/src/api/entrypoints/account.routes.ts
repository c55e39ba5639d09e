import { ok, requirePrincipal } from '@wired/http'
import type { RedisClient } from '@wired/redis'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { CustomerTokens } from '../../shared/customer-token'
import type { RedisKeys } from '../../shared/redis-keys'

/**
 * Sign-in for the demo: a name gets a signed customer token (no passwords here; Robinhood
 * shows password sign-in). Notices are what the notification consumer wrote.
 */
export function accountRoutes(
  app: FastifyInstance,
  deps: { tokens: CustomerTokens; redis: RedisClient; keys: RedisKeys },
  auth: preHandlerAsyncHookHandler,
) {
  app.post<{ Body: { name: string } }>(
    '/v1/sessions',
    {
      schema: {
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', pattern: '^[a-z0-9_-]{3,40}$' } },
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(ok({ customerId: request.body.name, token: deps.tokens.issue(request.body.name) })),
  )

  app.get('/v1/notices', { preHandler: auth }, async (request) =>
    ok(await deps.redis.zrevrange(deps.keys.notices(requirePrincipal(request).id), 0, 19)),
  )
}
