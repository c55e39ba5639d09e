import { ok } from '@wired/http'
import type { FastifyInstance } from 'fastify'
import type { SessionTokens } from '../../shared/session-token'
import { sessionBody } from './schemas'

/**
 * A session for a name, with no password: accounts are not what this scenario studies. Writes
 * (upload, like, comment, view) need the token; reads do not.
 */
export function sessionRoutes(app: FastifyInstance, tokens: SessionTokens): void {
  app.post<{ Body: { name: string } }>(
    '/v1/sessions',
    { schema: { body: sessionBody }, config: { rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) =>
      reply.code(201).send(ok({ userId: request.body.name, token: tokens.issue(request.body.name) })),
  )
}
