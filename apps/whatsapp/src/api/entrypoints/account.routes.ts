import { ok, requirePrincipal } from '@wired/http'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { UsersClient } from '../../shared/clients'
import { settingsView, userView } from './views'

const handle = { type: 'string', minLength: 3, maxLength: 32 } as const

/** Sign-in, profile, settings and contacts: all forwarded to the users service over gRPC. */
export function accountRoutes(app: FastifyInstance, users: UsersClient, auth: preHandlerAsyncHookHandler): void {
  app.post<{ Body: { handle: string; displayName?: string } }>(
    '/v1/sessions',
    {
      schema: {
        body: {
          type: 'object',
          required: ['handle'],
          additionalProperties: false,
          properties: { handle, displayName: { type: 'string', maxLength: 64 } },
        },
      },
    },
    async (request, reply) => {
      const { token, user } = await users.signIn({
        handle: request.body.handle,
        displayName: request.body.displayName ?? '',
      })
      return reply.code(201).send(ok({ token, user: userView(user) }))
    },
  )

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
