import { defineService, openEventLog, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { redisKeys } from '../shared/redis-keys'
import { consumerGroups, ensureTopics, twitterTopics } from '../shared/topics'
import { TagCounts } from './adapters/tag-counts'
import type { TrendingConfig } from './config'
import { consumePostsForTrending } from './entrypoints/posts.consumer'

/** Trending: a Kafka consumer keeping windowed hash-tag counts in Redis (the api reads them). */
export function createService(config: TrendingConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'twitter-trending' })
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const topics = twitterTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const counts = new TagCounts(redis, redisKeys(config.redisKeyPrefix))
    const consumer = await consumePostsForTrending(
      eventLog,
      { topic: topics.posts, groupId: consumerGroups(config.topicPrefix).trending },
      counts,
    )
    shutdown.defer(() => consumer.stop())
    return {}
  }, logger)
}
