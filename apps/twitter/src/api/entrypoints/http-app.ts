import { createHash } from 'node:crypto'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import { bearerAuth, createHttpServer, serveWirePanel } from '@wired/http'
import type { Logger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import { LRUCache } from 'lru-cache'
import type { LikesClient, PostsClient, UsersClient } from '../../shared/clients'
import type { HydrationCache } from '../adapters/hydration-cache'
import type { FeedPageCache } from '../adapters/page-cache'
import type { TimelineReader } from '../adapters/timeline-reader'
import type { CursorCodec } from '../domain/cursor'
import type { FeedReader } from '../use-cases/feed'
import { accountRoutes } from './account.routes'
import { feedRoutes } from './feed.routes'
import { followRoutes } from './follow.routes'
import { postRoutes } from './post.routes'

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web')

export interface ApiAppDeps {
  users: UsersClient
  posts: PostsClient
  likes: LikesClient
  cache: HydrationCache
  pages: FeedPageCache
  feed: FeedReader
  timelines: TimelineReader
  cursors: CursorCodec
  logger: Logger
  rateLimitPerMinute: number
  /** What the page needs to know: the push socket's URL and the threshold it shows. */
  page: { pushUrl: string; celebrityThreshold: number }
  wireCollectorUrl: string | undefined
}

/** The REST API and the page, built without listening (service.ts listens). */
export async function buildApiApp(deps: ApiAppDeps): Promise<FastifyInstance> {
  const app = createHttpServer({
    name: 'twitter-api',
    logger: deps.logger,
    rateLimit: { max: deps.rateLimitPerMinute, timeWindowMs: 60_000 },
  })
  // A feed request asks who the token is; a token's answer is kept 5 s (keyed by its hash, so
  // the cache holds no usable token), which saves a gRPC round trip on nearly every request.
  const principals = new LRUCache<string, { id: string }>({ max: 50_000, ttl: 5_000 })
  const auth = bearerAuth(async (token) => {
    const key = createHash('sha256').update(token).digest('base64url')
    const cached = principals.get(key)
    if (cached) return cached
    const { user } = await deps.users.authenticate({ token })
    const principal = { id: user!.userId }
    principals.set(key, principal, { ttl: Math.round(5_000 * (0.5 + Math.random())) })
    return principal
  })
  accountRoutes(app, deps.users, auth)
  feedRoutes(app, deps.feed, deps.timelines, deps.cursors, deps.pages, auth)
  postRoutes(app, deps, auth)
  followRoutes(
    app,
    { users: deps.users, cache: deps.cache, pages: deps.pages, celebrityThreshold: deps.page.celebrityThreshold },
    auth,
  )

  // The page: static files, its config, and the wire panel. Nothing is loaded from elsewhere.
  await app.register(fastifyStatic, { root: WEB_DIR, index: ['index.html'] })
  app.get('/config.json', { config: { rateLimit: false } }, async () => deps.page)
  serveWirePanel(app, deps.wireCollectorUrl)
  return app
}
