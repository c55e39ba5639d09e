import { openServiceDatabase } from '@wired/db'
import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { PostServiceService } from '@wired/proto/twitter/v1/posts'
import { silentLogger } from '@wired/runtime'
import { POST_SERVICE_CALLERS } from '../shared/callers'
import { ensureTopics, twitterTopics } from '../shared/topics'
import { PostOutbox } from './adapters/post-outbox'
import { PostStore } from './adapters/post-store'
import type { PostsConfig } from './config'
import { postGrpcHandlers } from './entrypoints/post.grpc'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The post service: posts in PostgreSQL behind gRPC, each published to Kafka through an outbox. */
export function createService(config: PostsConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'twitter-posts' })
    const topics = twitterTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const store = new PostStore(pool)
    const outbox = new PostOutbox(store, eventLog, topics.posts, logger)
    // Posts left unpublished by a previous run (a crash between insert and publish) go out now.
    await outbox.sweep(0)
    const sweep = setInterval(() => {
      outbox.sweep(config.outboxSweepMs).catch((error: unknown) => logger.warn({ err: error }, 'outbox sweep failed'))
    }, config.outboxSweepMs)
    shutdown.defer(() => clearInterval(sweep))

    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [grpcService(PostServiceService, postGrpcHandlers(store, outbox), POST_SERVICE_CALLERS)],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
