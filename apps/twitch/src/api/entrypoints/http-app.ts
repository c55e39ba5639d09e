import { bearerAuth, createHttpServer } from '@wired/http'
import type { Logger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import type { UserTokens } from '../../shared/user-token'
import type { UserRepository } from '../adapters/user.repository'
import type { ApiConfig } from '../config'
import { type ClipRouteDeps, clipRoutes } from './clip.routes'
import { type StreamRouteDeps, streamRoutes } from './stream.routes'
import { userRoutes } from './user.routes'
import { webRoutes } from './web.routes'

/** Every body here is a name or `{}`: 4 KiB is generous, and a 1 MB body is refused unread (413). */
const BODY_LIMIT = 4 * 1024

export interface ApiAppDeps
  extends Omit<StreamRouteDeps, 'edgePublicUrl' | 'chatUrls' | 'ingestRtmpUrl'>,
    Omit<ClipRouteDeps, 'streams' | 'edgePublicUrl'> {
  users: UserRepository
  tokens: UserTokens
  logger: Logger
  config: Pick<ApiConfig, 'edgePublicUrl' | 'chatUrls' | 'ingestRtmpUrl' | 'rateLimitPerMinute' | 'wireCollectorUrl'>
}

/** The REST api and the pages, built without listening (service.ts listens). */
export async function buildApiApp(deps: ApiAppDeps): Promise<FastifyInstance> {
  const { config } = deps
  const app = createHttpServer({
    name: 'twitch-api',
    logger: deps.logger,
    bodyLimit: BODY_LIMIT,
    rateLimit: { max: config.rateLimitPerMinute, timeWindowMs: 60_000 },
  })
  // User tokens are HMAC-signed (src/shared/user-token.ts): verified here with no database read.
  // The principal's id is the user's name, which is also their channel's name.
  const auth = bearerAuth(async (token) => ({ id: deps.tokens.verify(token).name }))
  userRoutes(app, deps)
  streamRoutes(app, { ...deps, ...config }, auth)
  clipRoutes(app, { ...deps, edgePublicUrl: config.edgePublicUrl }, auth)
  await webRoutes(app, config)
  return app
}
