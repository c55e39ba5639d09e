import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, openEventLog, openRedis, type ServiceDeps } from '@wired/kit'
import { TimelineAdminServiceService } from '@wired/proto/twitter/v1/timelines'
import { silentLogger } from '@wired/runtime'
import { TIMELINE_ADMIN_CALLERS } from '../shared/callers'
import { connectPosts, connectUsers } from '../shared/clients'
import { redisKeys } from '../shared/redis-keys'
import { consumerGroups, ensureTopics, twitterTopics } from '../shared/topics'
import { TimelineStore } from './adapters/timeline-store'
import type { FanoutConfig } from './config'
import { consumeFollowsForBackfill } from './entrypoints/follows.consumer'
import { consumePostsForFanOut } from './entrypoints/posts.consumer'
import { timelineAdminHandlers } from './entrypoints/timeline-admin.grpc'
import { applyFollowChanges, fanOutPosts } from './use-cases/fan-out'
import { FanOutConsumer } from './use-cases/rebuild'

/**
 * The fan-out worker: Kafka consumers that write posts into followers' Redis timelines, and
 * the TimelineAdmin gRPC API (checksum, rebuild).
 */
export function createService(config: FanoutConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'twitter-fanout' })
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const caller = { name: 'fanout', secret: config.grpcSecret }
    const users = connectUsers(config.usersAddress, caller)
    const posts = connectPosts(config.postsAddress, caller)
    shutdown.defer(() => {
      users.close()
      posts.close()
    })
    const topics = twitterTopics(config.topicPrefix)
    const groups = consumerGroups(config.topicPrefix)
    await ensureTopics(eventLog, topics)

    const keys = redisKeys(config.redisKeyPrefix)
    const timelines = new TimelineStore(redis, keys)
    const fanOut = fanOutPosts(users, timelines, config.celebrityThreshold)
    const consumer = new FanOutConsumer(redis, keys, timelines, groups.fanout, (groupId) =>
      consumePostsForFanOut(eventLog, { topic: topics.posts, groupId }, fanOut, (written) =>
        logger.debug({ timelines: written }, 'post fanned out'),
      ),
    )
    const group = await consumer.start()
    shutdown.defer(() => consumer.stop())
    const follows = await consumeFollowsForBackfill(
      eventLog,
      { topic: topics.follows, groupId: groups.followBackfill },
      applyFollowChanges(posts, timelines, config.celebrityThreshold),
    )
    shutdown.defer(() => follows.stop())
    logger.info({ group }, 'fan-out consuming twitter.posts')

    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [
        grpcService(TimelineAdminServiceService, timelineAdminHandlers(timelines, consumer), TIMELINE_ADMIN_CALLERS),
      ],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
