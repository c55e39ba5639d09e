import { openServiceDatabase } from '@wired/db'
import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { LikeServiceService } from '@wired/proto/twitter/v1/likes'
import { silentLogger } from '@wired/runtime'
import { LIKE_SERVICE_CALLERS } from '../shared/callers'
import { connectPosts } from '../shared/clients'
import { ensureTopics, twitterTopics } from '../shared/topics'
import { likeEventPublisher } from './adapters/like-events'
import { LikeStore } from './adapters/like-store'
import type { LikesConfig } from './config'
import { likeGrpcHandlers } from './entrypoints/like.grpc'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The like service: likes and counters in PostgreSQL behind gRPC; changes to Kafka for live counters. */
export function createService(config: LikesConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'twitter-likes' })
    const topics = twitterTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const posts = connectPosts(config.postsAddress, { name: 'likes', secret: config.grpcSecret })
    shutdown.defer(() => posts.close())
    const handlers = likeGrpcHandlers(new LikeStore(pool), posts, likeEventPublisher(eventLog, topics.likes), logger)
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [grpcService(LikeServiceService, handlers, LIKE_SERVICE_CALLERS)],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
