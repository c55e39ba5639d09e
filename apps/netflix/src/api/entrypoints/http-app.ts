import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import { bearerAuth, createHttpServer, serveWirePanel } from '@wired/http'
import type { Logger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import type { RecommendationsClient } from '../../shared/clients'
import type { SessionTokens } from '../../shared/session-token'
import type { EngagementRepository } from '../adapters/engagement.repository'
import type { VideoRepository } from '../adapters/video.repository'
import type { UploadDeps } from '../use-cases/upload-video'
import { engagementRoutes } from './engagement.routes'
import { sessionRoutes } from './session.routes'
import { uploadRoutes } from './upload.routes'
import { videoRoutes } from './video.routes'

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web')
const HLS_JS = createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js')

export interface ApiAppDeps {
  upload: UploadDeps
  videos: VideoRepository
  engagement: EngagementRepository
  recommendations: RecommendationsClient
  tokens: SessionTokens
  logger: Logger
  maxUploadBytes: number
  rateLimitPerMinute: number
  /** Where browsers reach the edge (playlists, segments, thumbnails), put in the page's config. */
  edgeUrl: string
  wireCollectorUrl: string | undefined
}

/** The REST API, the viewer and studio pages, and hls.js, built without listening. */
export async function buildApiApp(deps: ApiAppDeps): Promise<FastifyInstance> {
  const app = createHttpServer({
    name: 'netflix-api',
    logger: deps.logger,
    rateLimit: { max: deps.rateLimitPerMinute, timeWindowMs: 60_000 },
  })
  const auth = bearerAuth(async (token) => ({ id: deps.tokens.verify(token) }))
  sessionRoutes(app, deps.tokens)
  uploadRoutes(app, deps.upload, auth, deps.maxUploadBytes)
  videoRoutes(app, { videos: deps.videos, recommendations: deps.recommendations, edgeUrl: deps.edgeUrl }, auth)
  engagementRoutes(app, { videos: deps.videos, engagement: deps.engagement }, auth)

  await app.register(fastifyStatic, { root: WEB_DIR, index: ['index.html'] })
  // hls.js from the installed package: the page loads nothing from elsewhere.
  app.get('/vendor/hls.min.js', { config: { rateLimit: false } }, (_request, reply) =>
    reply
      .type('text/javascript')
      .header('cache-control', 'public, max-age=3600')
      .sendFile('hls.min.js', dirname(HLS_JS)),
  )
  app.get('/config.json', { config: { rateLimit: false } }, async () => ({ edgeUrl: deps.edgeUrl }))
  serveWirePanel(app, deps.wireCollectorUrl)
  return app
}
