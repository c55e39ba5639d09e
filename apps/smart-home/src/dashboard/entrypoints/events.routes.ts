import { AppError } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import type { LiveFeed } from '../domain/live-feed'
import { type SseHub, sseFrame } from './sse-hub'

const HEARTBEAT_MS = 15_000

/**
 * GET /v1/homes/:home/events: the home's live readings, alerts, state changes and notifications
 * over Server-Sent Events. One direction is all a dashboard needs, and EventSource brings
 * reconnection and `Last-Event-ID` for free; the feed decides what a resuming page missed.
 */
export function eventRoutes(app: FastifyInstance, feed: LiveFeed, hub: SseHub): void {
  app.get(
    '/v1/homes/:home/events',
    {
      config: { rateLimit: false },
      schema: {
        params: {
          type: 'object',
          properties: { home: { type: 'string', pattern: '^[a-z0-9]{1,16}$' } },
          required: ['home'],
        },
        querystring: {
          type: 'object',
          properties: { lastEventId: { type: 'string', maxLength: 64 } },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const { home } = request.params as { home: string }
      // EventSource sends the header on reconnect; a page opening afresh may pass it in the query.
      const header = request.headers['last-event-id']
      const lastEventId =
        (Array.isArray(header) ? header[0] : header) ?? (request.query as { lastEventId?: string }).lastEventId
      const resumed = feed.resume(home, lastEventId)
      if (!resumed.ok) throw new AppError(resumed.code, resumed.reason)

      reply.hijack()
      const response = reply.raw
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      // How long EventSource waits before reconnecting after a drop.
      response.write('retry: 1000\n\n')
      if (resumed.gap)
        response.write(`event: gap\ndata: ${JSON.stringify({ reason: 'events were dropped; reload history' })}\n\n`)
      for (const entry of resumed.missed) response.write(sseFrame(entry))
      // Same tick as the replay: no live event can slip in between and arrive out of order.
      hub.add(home, response)
      const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS)
      response.once('close', () => clearInterval(heartbeat))
    },
  )
}
