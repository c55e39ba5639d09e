import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import { bearerAuth, createHttpServer, serveWirePanel } from '@wired/http'
import type { RedisClient } from '@wired/redis'
import type { Logger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import type { InventoryClient, OrdersClient } from '../../shared/clients'
import type { CustomerTokens } from '../../shared/customer-token'
import type { RedisKeys } from '../../shared/redis-keys'
import type { CatalogRepository } from '../adapters/catalog.repository'
import { PageCache } from '../adapters/page-cache'
import type { ApiConfig } from '../config'
import { accountRoutes } from './account.routes'
import { cartRoutes } from './cart.routes'
import { catalogRoutes } from './catalog.routes'
import { registerGraphql } from './graphql'
import { orderRoutes } from './order.routes'

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web')
const PAGE_FILES = new Set(['/', '/index.html', '/shop.js', '/explorer.html', '/explorer.js', '/style.css'])
/** A GraphQL query is text a person typed: 64 KiB is generous; a 1 MB query is refused unread (413). */
const BODY_LIMIT = 64 * 1024

export interface ApiAppDeps {
  catalog: CatalogRepository
  orders: OrdersClient
  inventory: InventoryClient
  redis: RedisClient
  keys: RedisKeys
  tokens: CustomerTokens
  logger: Logger
  config: Pick<
    ApiConfig,
    | 'rateLimitPerMinute'
    | 'searchPerMinute'
    | 'pageCacheMs'
    | 'graphqlMaxDepth'
    | 'graphqlMaxFields'
    | 'wireCollectorUrl'
  >
}

/** REST, GraphQL and the two pages, built without listening (service.ts listens). */
export async function buildApiApp(deps: ApiAppDeps): Promise<FastifyInstance> {
  const { config } = deps
  const app = createHttpServer({
    name: 'amazon-api',
    logger: deps.logger,
    bodyLimit: BODY_LIMIT,
    rateLimit: { max: config.rateLimitPerMinute, timeWindowMs: 60_000 },
  })
  // Tokens are HMAC-signed (shared/customer-token.ts): verified here, without a network call.
  const auth = bearerAuth(async (token) => ({ id: deps.tokens.verify(token) }))
  catalogRoutes(app, {
    catalog: deps.catalog,
    inventory: deps.inventory,
    pages: new PageCache(config.pageCacheMs),
    searchPerMinute: config.searchPerMinute,
  })
  accountRoutes(app, deps, auth)
  cartRoutes(app, deps, auth)
  orderRoutes(app, deps, auth)
  await registerGraphql(app, deps, { maxDepth: config.graphqlMaxDepth, maxFields: config.graphqlMaxFields })

  await app.register(fastifyStatic, {
    root: WEB_DIR,
    index: ['index.html'],
    allowedPath: (path) => PAGE_FILES.has(path),
  })
  serveWirePanel(app, config.wireCollectorUrl)
  return app
}
