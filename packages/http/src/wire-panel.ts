import { answerWireRequest } from '@wired/wire'
import type { FastifyInstance } from 'fastify'

/**
 * The wire panel on a page's own origin: its script and stylesheet, and the page's traces by id
 * from the collector (see answerWireRequest). Unset collectorUrl: tracing is off, and the panel
 * says so instead of showing hops.
 */
export function serveWirePanel(app: FastifyInstance, collectorUrl: string | undefined): void {
  app.get('/wire/*', { config: { rateLimit: false } }, async (request, reply) => {
    const answer = await answerWireRequest(request.url.split('?')[0] ?? '', collectorUrl)
    if (!answer) return reply.code(404).send({ data: null, errors: [{ code: 'NOT_FOUND', message: 'no such file' }] })
    return reply
      .code(answer.status)
      .type(`${answer.contentType}; charset=utf-8`)
      .header('cache-control', 'no-cache')
      .send(answer.body)
  })
}
