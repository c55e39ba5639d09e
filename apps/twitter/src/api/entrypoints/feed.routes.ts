import { ok, requirePrincipal } from '@wired/http'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
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
      const before = request.query.cursor ? cursors.decode(request.query.cursor, readerId).beforeId : undefined
      const page = await feed.page(readerId, before)
      const nextCursor = page.lastId ? cursors.encode({ readerId, beforeId: page.lastId }) : null
      const body = JSON.stringify(ok({ posts: page.posts, nextCursor }))
      const etag = etagOf(body)
      reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'Authorization')
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send()
      return reply.type('application/json; charset=utf-8').send(body)
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

  app.get('/v1/trending', async () => ok(await timelines.trending(Date.now(), 10)))
}
