import type { FastifyInstance } from 'fastify'

/**
 * CORS for the ticker and the browser client: the trading page (served by the api, another
 * origin) reads the SSE ticker and imports /prices.js. Only allowed origins get the header; the
 * data is public, so a refused origin is not an error, its browser just may not read the answer.
 * EventSource sends Last-Event-ID on reconnect, which a preflight must allow.
 */
export function allowOrigins(app: FastifyInstance, allowed: readonly string[] | '*') {
  const permits = (origin: string) => allowed === '*' || allowed.includes(origin)
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin
    if (origin === undefined || !permits(origin)) return
    reply.header('access-control-allow-origin', origin).header('vary', 'Origin')
  })
  app.options('/v1/ticker', { config: { rateLimit: false } }, async (_request, reply) => {
    reply
      .header('access-control-allow-methods', 'GET')
      .header('access-control-allow-headers', 'last-event-id, traceparent')
      .header('access-control-max-age', '600')
      .code(204)
      .send()
  })
}
