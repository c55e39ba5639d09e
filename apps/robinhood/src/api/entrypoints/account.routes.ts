import { ok } from '@wired/http'
import type { FastifyInstance } from 'fastify'
import type { PortfolioClient } from '../../shared/clients'
import type { SessionTokens } from '../../shared/session-token'
import { credentials } from './schemas'

/**
 * Opening an account and signing in, both answering a session token. The token is verified
 * locally by every edge (this api, the price gateway), so no later request calls an auth service.
 */
export function accountRoutes(app: FastifyInstance, portfolio: PortfolioClient, tokens: SessionTokens): void {
  // Few per address: each one is an scrypt hash, and sign-up is where bots spray.
  const authLimit = { rateLimit: { max: 30, timeWindow: 60_000 } }

  app.post<{ Body: { name: string; password: string } }>(
    '/v1/accounts',
    { schema: { body: credentials }, config: authLimit },
    async (request, reply) => {
      const { accountId } = await portfolio.openAccount(request.body)
      return reply.code(201).send(ok({ accountId, token: tokens.issue(accountId) }))
    },
  )

  app.post<{ Body: { name: string; password: string } }>(
    '/v1/sessions',
    { schema: { body: credentials }, config: authLimit },
    async (request) => {
      const { accountId } = await portfolio.signIn(request.body)
      return ok({ accountId, token: tokens.issue(accountId) })
    },
  )
}
