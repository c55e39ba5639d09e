import { bearerToken, ok, requirePrincipal } from '@wired/http'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { UsersClient } from '../../shared/clients'
import { PASSWORD_LENGTH } from '../../shared/rest'
import { settingsView, userView } from './views'

const handle = { type: 'string', minLength: 3, maxLength: 32 } as const
const password = { type: 'string', minLength: PASSWORD_LENGTH.min, maxLength: PASSWORD_LENGTH.max } as const

/** What a client keeps from a sign-in or a renewal: the token and when it stops working. */
const sessionView = (session: { token: string; user?: Parameters<typeof userView>[0]; expiresAtMs: number }) => ({
  token: session.token,
  user: userView(session.user),
  expiresAt: new Date(session.expiresAtMs).toISOString(),
})

/** Sign-in, profile, settings and contacts: all forwarded to the users service over gRPC. */
export function accountRoutes(app: FastifyInstance, users: UsersClient, auth: preHandlerAsyncHookHandler): void {
  // Sign in, or sign up when the handle is new: the password is checked (or set) by the users service.
  app.post<{ Body: { handle: string; password: string; displayName?: string } }>(
    '/v1/sessions',
    {
      schema: {
        body: {
          type: 'object',
          required: ['handle', 'password'],
          additionalProperties: false,
          properties: { handle, password, displayName: { type: 'string', maxLength: 64 } },
        },
      },
    },
    async (request, reply) => {
      const session = await users.signIn({
        handle: request.body.handle,
        password: request.body.password,
        displayName: request.body.displayName ?? '',
      })
      return reply.code(201).send(ok(sessionView(session)))
    },
  )

  // A fresh token for the one in the Authorization header, which stops working at once.
  app.post('/v1/sessions/renew', async (request, reply) => {
    const session = await users.renewSession({ token: bearerToken(request.headers.authorization) ?? '' })
    return reply.code(201).send(ok(sessionView(session)))
  })

  // Sign-out: the token is revoked at once; the sockets opened with it close at its expiry at the latest.
  app.delete('/v1/sessions/current', { preHandler: auth }, async (request, reply) => {
    await users.signOut({ token: bearerToken(request.headers.authorization) ?? '' })
    return reply.code(204).send()
  })

  app.get('/v1/me', { preHandler: auth }, async (request) => {
    const { user, settings } = await users.getProfile({ userId: requirePrincipal(request).id })
    return ok({ user: userView(user), settings: settingsView(settings) })
  })

  app.patch<{ Body: { displayName?: string; about?: string } }>(
    '/v1/me',
    {
      preHandler: auth,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { displayName: { type: 'string', maxLength: 64 }, about: { type: 'string', maxLength: 140 } },
        },
      },
    },
    async (request) => {
      const { user } = await users.updateProfile({ userId: requirePrincipal(request).id, ...request.body })
      return ok(userView(user))
    },
  )

  app.patch<{ Body: { readReceipts?: boolean; showLastSeen?: boolean } }>(
    '/v1/me/settings',
    {
      preHandler: auth,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { readReceipts: { type: 'boolean' }, showLastSeen: { type: 'boolean' } },
        },
      },
    },
    async (request) => {
      const { settings } = await users.updateSettings({ userId: requirePrincipal(request).id, ...request.body })
      return ok(settingsView(settings))
    },
  )

  app.get('/v1/contacts', { preHandler: auth }, async (request) => {
    const { contacts } = await users.listContacts({ userId: requirePrincipal(request).id })
    return ok(contacts.map((contact) => userView(contact.user)))
  })

  app.post<{ Body: { handle: string } }>(
    '/v1/contacts',
    {
      preHandler: auth,
      schema: {
        body: { type: 'object', required: ['handle'], additionalProperties: false, properties: { handle } },
      },
    },
    async (request, reply) => {
      const { contact } = await users.addContact({
        userId: requirePrincipal(request).id,
        contactHandle: request.body.handle,
      })
      return reply.code(201).send(ok(userView(contact?.user)))
    },
  )
}
