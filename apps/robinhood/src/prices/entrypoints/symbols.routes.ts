import type { FastifyInstance } from 'fastify'
import { LISTINGS } from '../../shared/symbols'

/** GET /v1/symbols: the listing (symbol and opening price in cents), for pickers; public and static. */
export function symbolRoutes(app: FastifyInstance) {
  const body = { data: { symbols: LISTINGS }, errors: [] }
  app.get('/v1/symbols', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=3600')
    return body
  })
}
