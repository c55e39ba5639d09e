import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import { bearerAuth, createHttpServer, serveWirePanel } from '@wired/http'
import type { Logger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import type { OrdersClient, PortfolioClient } from '../../shared/clients'
import type { SessionTokens } from '../../shared/session-token'
import type { MarketReader } from '../adapters/market-reader'
import { accountRoutes } from './account.routes'
import { marketRoutes } from './market.routes'
import { orderRoutes } from './order.routes'
import { portfolioRoutes } from './portfolio.routes'

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web')
const TRADING_PAGE_FILES = new Set(['/', '/index.html', '/app.js', '/api.js', '/ticker-feed.js', '/style.css'])

export interface ApiAppDeps {
  orders: OrdersClient
  portfolio: PortfolioClient
  market: MarketReader
  tokens: SessionTokens
  logger: Logger
  rateLimitPerMinute: number
  /** What the page needs to know: where the price gateway is. */
  page: { pricesUrl: string }
  wireCollectorUrl: string | undefined
}

/** The REST API and the trading page, built without listening (service.ts listens). */
export async function buildApiApp(deps: ApiAppDeps): Promise<FastifyInstance> {
  const app = createHttpServer({
    name: 'robinhood-api',
    logger: deps.logger,
    rateLimit: { max: deps.rateLimitPerMinute, timeWindowMs: 60_000 },
  })
  // Tokens are HMAC-signed (shared/session-token.ts): verified here, without a network call.
  const auth = bearerAuth(async (token) => ({ id: deps.tokens.verify(token) }))
  accountRoutes(app, deps.portfolio, deps.tokens)
  orderRoutes(app, deps.orders, auth)
  portfolioRoutes(app, deps, auth)
  marketRoutes(app, deps.market)

  // The trading page: its static files (web/ also holds the price gateway's pages, which that
  // gateway serves), its config, and the wire panel. Nothing is loaded from elsewhere.
  await app.register(fastifyStatic, {
    root: WEB_DIR,
    index: ['index.html'],
    allowedPath: (path) => TRADING_PAGE_FILES.has(path),
  })
  app.get('/config.json', { config: { rateLimit: false } }, async () => deps.page)
  serveWirePanel(app, deps.wireCollectorUrl)
  return app
}
