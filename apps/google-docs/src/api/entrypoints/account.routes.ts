import { ok } from '@wired/http'
import { AppError, hashPassword, verifyPassword } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import { signAccessToken } from '../../shared/access-token'
import type { AccountStore } from '../adapters/account-store'

export const HANDLE = { type: 'string', pattern: '^[a-z0-9_]{3,24}$' } as const

/**
 * Sign in, or sign up on first use of a handle. The token is signed with the scenario's shared
 * secret, so the collaboration replicas verify it without calling back here.
 */
export function accountRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountStore; tokenSecret: string; tokenTtlMs: number },
): void {
  app.post<{ Body: { handle: string; password: string } }>(
    '/v1/sessions',
    {
      schema: {
        body: {
          type: 'object',
          required: ['handle', 'password'],
          additionalProperties: false,
          properties: { handle: HANDLE, password: { type: 'string', minLength: 8, maxLength: 128 } },
        },
      },
    },
    async (request, reply) => {
      const { handle, password } = request.body
      let account = await deps.accounts.byHandle(handle)
      if (account) {
        if (!(await verifyPassword(password, account.passwordHash)))
          throw new AppError('UNAUTHENTICATED', 'wrong password for this handle')
      } else {
        account = await deps.accounts.create(handle, await hashPassword(password))
        if (!account) throw new AppError('CONFLICT', 'that handle was just taken; sign in again')
      }
      const expiresAt = Date.now() + deps.tokenTtlMs
      const token = signAccessToken({ userId: account.id, handle, expiresAt }, deps.tokenSecret)
      return reply.code(201).send(ok({ token, user: { id: account.id, handle }, expiresAt }))
    },
  )
}
