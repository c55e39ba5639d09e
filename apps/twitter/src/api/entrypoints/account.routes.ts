import { ok, requirePrincipal } from '@wired/http'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { UsersClient } from '../../shared/clients'
import { handle } from './schemas'

/** Sign-in (or sign-up) and the reader's own profile: forwarded to the user service over gRPC. */
export function accountRoutes(app: FastifyInstance, users: UsersClient, auth: preHandlerAsyncHookHandler): void {
  app.post<{ Body: { handle: string; password: string; displayName?: string } }>(
    '/v1/sessions',
    {
      schema: {
        body: {
          type: 'object',
          required: ['handle', 'password'],
          additionalProperties: false,
          properties: {
            handle,
            password: { type: 'string', minLength: 8, maxLength: 128 },
            displayName: { type: 'string', maxLength: 50 },
          },
        },
      },
    },
    async (request, reply) => {
      const { token, user } = await users.signIn({ displayName: '', ...request.body })
      return reply.code(201).send(ok({ token, user }))
    },
  )

  app.get('/v1/me', { preHandler: auth }, async (request) => {
    const { profiles } = await users.getProfiles({ userIds: [requirePrincipal(request).id] })
    return ok(profiles[0])
  })
}
