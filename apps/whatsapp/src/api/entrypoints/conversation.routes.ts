import { ok, requirePrincipal } from '@wired/http'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { MessageClient, UsersClient } from '../../shared/clients'
import { decodeCursor, encodeCursor, parseSince } from '../domain/cursor'
import { conversationView, messageView, receiptView } from './views'

const uuid = { type: 'string', format: 'uuid' } as const

/** Conversations (users service) and their messages (message service), both over gRPC. */
export function conversationRoutes(
  app: FastifyInstance,
  users: UsersClient,
  messages: MessageClient,
  auth: preHandlerAsyncHookHandler,
): void {
  app.get('/v1/conversations', { preHandler: auth }, async (request) => {
    const { conversations } = await users.listConversations({ userId: requirePrincipal(request).id })
    return ok(conversations.map(conversationView))
  })

  app.post<{ Body: { memberIds: string[]; title?: string } }>(
    '/v1/conversations',
    {
      preHandler: auth,
      schema: {
        body: {
          type: 'object',
          required: ['memberIds'],
          additionalProperties: false,
          properties: {
            memberIds: { type: 'array', items: uuid, minItems: 1, maxItems: 255 },
            title: { type: 'string', maxLength: 64 },
          },
        },
      },
    },
    async (request, reply) => {
      const { conversation } = await users.createConversation({
        creatorId: requirePrincipal(request).id,
        memberIds: request.body.memberIds,
        title: request.body.title ?? '',
      })
      return reply.code(201).send(ok(conversationView(conversation)))
    },
  )

  /** History, one page at a time going back: `?cursor=` is the previous page's meta.nextCursor. */
  app.get<{ Params: { conversationId: string }; Querystring: { cursor?: string; limit?: number } }>(
    '/v1/conversations/:conversationId/messages',
    {
      preHandler: auth,
      schema: {
        params: { type: 'object', properties: { conversationId: uuid } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            cursor: { type: 'string', maxLength: 64 },
            limit: { type: 'integer', minimum: 1, maximum: 200 },
          },
        },
      },
    },
    async (request) => {
      const page = await messages.history({
        userId: requirePrincipal(request).id,
        conversationId: request.params.conversationId,
        beforeSeq: decodeCursor(request.query.cursor),
        limit: request.query.limit ?? 50,
      })
      // The service pages newest first; a page reads oldest first, like the chat it fills.
      return ok(page.messages.map(messageView).reverse(), {
        nextCursor: encodeCursor(page.nextBeforeSeq),
        receipts: page.receipts.map(receiptView),
      })
    },
  )

  /** What a reconnecting client missed: `?since=<conversationId>:<lastSeq>,...` (unlisted = from the start). */
  app.get<{ Querystring: { since?: string; limit?: number } }>(
    '/v1/messages/missed',
    {
      preHandler: auth,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            since: { type: 'string', maxLength: 60_000 },
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
          },
        },
      },
    },
    async (request) => {
      const missed = await messages.syncSince({
        userId: requirePrincipal(request).id,
        seen: parseSince(request.query.since),
        limit: request.query.limit ?? 500,
      })
      return ok(missed.messages.map(messageView), {
        hasMore: missed.hasMore,
        receipts: missed.receipts.map(receiptView),
      })
    },
  )
}
