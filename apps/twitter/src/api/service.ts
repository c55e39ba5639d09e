import { defineService, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { connectLikes, connectPosts, connectUsers } from '../shared/clients'
import { redisKeys } from '../shared/redis-keys'
import { HydrationCache } from './adapters/hydration-cache'
import { FeedPageCache } from './adapters/page-cache'
import { TimelineReader } from './adapters/timeline-reader'
import type { ApiConfig } from './config'
import { CursorCodec, cursorKeyFrom } from './domain/cursor'
import { buildApiApp } from './entrypoints/http-app'
import { FeedReader } from './use-cases/feed'

/** The REST API (feed, posts, likes, follows, trending) and the page that uses it. */
export function createService(config: ApiConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const caller = { name: 'api', secret: config.grpcSecret }
    const users = connectUsers(config.usersAddress, caller)
    const posts = connectPosts(config.postsAddress, caller)
    const likes = connectLikes(config.likesAddress, caller)
    shutdown.defer(() => {
      users.close()
      posts.close()
      likes.close()
    })
    const cache = new HydrationCache(users, posts)
    const timelines = new TimelineReader(redis, redisKeys(config.redisKeyPrefix))
    const app = await buildApiApp({
      users,
      posts,
      likes,
      cache,
      pages: new FeedPageCache(config.feedCacheMs),
      timelines,
      feed: new FeedReader(timelines, cache, likes, config.celebrityThreshold, config.feedPageSize),
      cursors: new CursorCodec(cursorKeyFrom(config.grpcSecret)),
      logger,
      rateLimitPerMinute: config.rateLimitPerMinute,
      page: { pushUrl: config.pushPublicUrl, celebrityThreshold: config.celebrityThreshold },
      wireCollectorUrl: config.wireCollectorUrl,
    })
    app.addReadinessCheck('redis', async () => {
      await redis.get(redisKeys(config.redisKeyPrefix).fanoutGroup)
    })
    await app.listen({ host: config.bindHost, port: config.httpPort })
    shutdown.defer(() => app.close())
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.httpPort
    return { http: `http://${config.bindHost}:${port}` }
  }, logger)
}
