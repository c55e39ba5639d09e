import { defineService, openEventLog, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { consumerGroups, ensureTopics, robinhoodTopics } from '../shared/topics'
import type { NotificationsConfig } from './config'
import { consumeExecutionsForNotices } from './entrypoints/executions.consumer'

/** The notification service: executions in, notices per account out (Redis, read by the api). */
export function createService(config: NotificationsConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const eventLog = await openEventLog(deps, shutdown, {
      brokers: config.kafkaBrokers,
      clientId: 'robinhood-notifications',
    })
    const topics = robinhoodTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const consumer = await consumeExecutionsForNotices(
      eventLog,
      {
        topic: topics.executions,
        groupId: consumerGroups(config.topicPrefix).notifications,
        keyPrefix: config.redisKeyPrefix,
      },
      redis,
      logger,
    )
    shutdown.defer(() => consumer.stop())
    return {}
  }, logger)
}
