import { randomBytes } from 'node:crypto'
import { ok } from '@wired/http'
import type { FastifyInstance } from 'fastify'
import type { UserTokens } from '../../shared/user-token'
import type { UserRepository } from '../adapters/user.repository'
import { signUpBody } from './schemas'

/** Sign-up: a name (also the channel's) gets a user id and a bearer token (HMAC-signed, src/shared/user-token.ts). */
export function userRoutes(app: FastifyInstance, deps: { users: UserRepository; tokens: UserTokens }) {
  app.post<{ Body: { name: string } }>('/api/users', { schema: { body: signUpBody } }, async (request, reply) => {
    const user = { userId: `u_${randomBytes(9).toString('base64url')}`, name: request.body.name }
    await deps.users.create(user)
    return reply.code(201).send(ok({ ...user, token: deps.tokens.issue(user) }))
  })
}
