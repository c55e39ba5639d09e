import { ok } from '@wired/http'
import type { FastifyInstance } from 'fastify'
import { SYMBOLS } from '../../shared/symbols'
import type { MarketReader } from '../adapters/market-reader'

/** Public market data over REST: the listing, and last prices for a few symbols (one HGET each). */
export function marketRoutes(app: FastifyInstance, market: MarketReader): void {
  app.get('/v1/symbols', async (_, reply) => {
    // The listing never changes while a deployment runs: let browsers and proxies keep it.
    reply.header('cache-control', 'public, max-age=3600')
    return ok(SYMBOLS)
  })

  app.get<{ Querystring: { symbols: string } }>(
    '/v1/quotes',
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['symbols'],
          additionalProperties: false,
          properties: { symbols: { type: 'string', pattern: '^[A-Z]{1,8}(,[A-Z]{1,8}){0,49}$' } },
        },
      },
    },
    async (request) => {
      const prices = await market.lastPrices(request.query.symbols.split(','))
      return ok(Object.fromEntries([...prices].map(([symbol, cents]) => [symbol, { lastPriceCents: cents }])))
    },
  )
}
