import { ok, requirePrincipal } from '@wired/http'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { PortfolioClient } from '../../shared/clients'
import type { MarketReader } from '../adapters/market-reader'
import { valuePortfolio } from '../domain/valuation'

/** The portfolio at the last prices, and the account's notices. */
export function portfolioRoutes(
  app: FastifyInstance,
  deps: { portfolio: PortfolioClient; market: MarketReader },
  auth: preHandlerAsyncHookHandler,
): void {
  app.get('/v1/portfolio', { preHandler: auth }, async (request) => {
    const { portfolio } = await deps.portfolio.getPortfolio({ accountId: requirePrincipal(request).id })
    const prices = await deps.market.lastPrices(portfolio!.positions.map((position) => position.symbol))
    return ok(valuePortfolio(portfolio!, prices))
  })

  app.get('/v1/notifications', { preHandler: auth }, async (request) =>
    ok(await deps.market.notices(requirePrincipal(request).id, 20)),
  )
}
