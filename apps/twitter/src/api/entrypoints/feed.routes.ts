import { ok, requirePrincipal } from '@wired/http'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { FeedPageCache } from '../adapters/page-cache'
import type { TimelineReader } from '../adapters/timeline-reader'
import type { CursorCodec } from '../domain/cursor'
import { etagOf, matchesEtag } from '../domain/etag'
import type { FeedReader } from '../use-cases/feed'
import { id } from './schemas'

/**
 * GET /v1/feed: a page of the home feed, with an opaque cursor for the next one. HTTP caching:
 * the page carries an ETag, and `Cache-Control: private, no-cache` tells the browser it may keep
 * the page (never a shared cache: it is one reader's) but must revalidate; when nothing changed
 * the answer is 304 with no body.
 */
export function feedRoutes(
  app: FastifyInstance,
  feed: FeedReader,
  timelines: TimelineReader,
  cursors: CursorCodec,
  pages: FeedPageCache,
  auth: preHandlerAsyncHookHandler,
): void {
  app.get<{ Querystring: { cursor?: string } }>(
    '/v1/feed',
    {
      preHandler: auth,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { cursor: { type: 'string', maxLength: 200 } },
        },
      },
    },
    async (request, reply) => {
      const readerId = requirePrincipal(request).id
      const { cursor } = request.query
      const before = cursor ? cursors.decode(cursor, readerId).beforeId : undefined
      let page = pages.get(readerId, cursor)
      reply.header('x-feed-cache', page ? 'hit' : 'miss')
      if (!page) {
        const { posts, lastId } = await feed.page(readerId, before)
        const nextCursor = lastId ? cursors.encode({ readerId, beforeId: lastId }) : null
        const body = JSON.stringify(ok({ posts, nextCursor }))
        page = { body, etag: etagOf(body) }
        pages.set(readerId, cursor, page)
      }
      reply.header('etag', page.etag).header('cache-control', 'private, no-cache').header('vary', 'Authorization')
      if (matchesEtag(request.headers['if-none-match'], page.etag)) return reply.code(304).send()
      return reply.type('application/json; charset=utf-8').send(page.body)
    },
  )

  // The polling fallback's banner: how many posts are newer than the newest one on screen.
  app.get<{ Querystring: { since: string } }>(
    '/v1/feed/new-count',
    {
      preHandler: auth,
      schema: {
        querystring: { type: 'object', required: ['since'], additionalProperties: false, properties: { since: id } },
      },
    },
    async (request) => ok({ count: await feed.newPostCount(requirePrincipal(request).id, request.query.since) }),
  )

  // The most used hash tags of the last 15 minutes (Kafka consumer → Redis minute buckets).
  app.get<{ Querystring: { limit?: number } }>(
    '/v1/trending',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
        },
      },
    },
    async (request) => ok(await timelines.trending(Date.now(), request.query.limit ?? 10)),
  )
}
