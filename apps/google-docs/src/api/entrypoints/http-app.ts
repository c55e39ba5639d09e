import cors from '@fastify/cors'
import { bearerAuth, createHttpServer, serveWirePanel } from '@wired/http'
import type { Logger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import { principalOf, verifyAccessToken } from '../../shared/access-token'
import { accountRoutes } from './account.routes'
import { type DocumentRouteDeps, documentRoutes } from './document.routes'

export interface ApiAppDeps extends DocumentRouteDeps {
  tokenSecret: string
  tokenTtlMs: number
  allowedOrigins: string[] | '*'
  rateLimitPerMinute: number
  logger: Logger
  wireCollectorUrl: string | undefined
}

/** The REST API, built without listening (service.ts listens). */
export async function buildApiApp(deps: ApiAppDeps): Promise<FastifyInstance> {
  const app = createHttpServer({
    name: 'google-docs-api',
    logger: deps.logger,
    rateLimit: { max: deps.rateLimitPerMinute, timeWindowMs: 60_000 },
  })
  // The editor page comes from a collab replica (another origin): CORS lets exactly those call.
  await app.register(cors, {
    origin: deps.allowedOrigins === '*' ? true : [...deps.allowedOrigins],
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'traceparent'],
  })
  const auth = bearerAuth(async (token) => principalOf(verifyAccessToken(token, deps.tokenSecret)))
  accountRoutes(app, deps)
  documentRoutes(app, deps, auth)
  serveWirePanel(app, deps.wireCollectorUrl)
  return app
}
