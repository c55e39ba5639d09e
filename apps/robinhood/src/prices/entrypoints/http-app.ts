import { createHttpServer, serveWirePanel } from '@wired/http'
import type { Logger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import type { PriceStream } from '../use-cases/stream-prices'
import { allowOrigins } from './cors'
import { symbolRoutes } from './symbols.routes'
import { tickerRoutes } from './ticker.routes'
import { webRoutes } from './web.routes'

export interface PricesAppDeps {
  stream: PriceStream
  logger: Logger
  allowedOrigins: readonly string[] | '*'
  maxSymbols: number
  holdBackBytes: number
  wireCollectorUrl: string | undefined
  /** Counters for GET /v1/stats (the benchmark reads the gateway's CPU and frame counts there). */
  stats(): Record<string, number>
}

/** The gateway's HTTP side (the WebSocket shares its server): SSE ticker, pages, wire panel. */
export async function buildPricesApp(deps: PricesAppDeps): Promise<{ app: FastifyInstance; closeStreams(): void }> {
  const app = createHttpServer({ name: 'robinhood-prices', logger: deps.logger })
  allowOrigins(app, deps.allowedOrigins)
  symbolRoutes(app)
  const ticker = tickerRoutes(app, deps.stream, { maxSymbols: deps.maxSymbols, holdBackBytes: deps.holdBackBytes })
  await webRoutes(app)
  // Public like the prices: counts only, nothing about any account.
  app.get('/v1/stats', async () => ({ data: { ...deps.stats(), openTickers: ticker.openStreams }, errors: [] }))
  serveWirePanel(app, deps.wireCollectorUrl)
  return { app, closeStreams: ticker.closeAll }
}
