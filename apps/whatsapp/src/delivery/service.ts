import { createKafkaEventLog, type EventLog } from '@wired/events'
import { createRedis, type RedisClient } from '@wired/redis'
import { type Logger, silentLogger } from '@wired/runtime'
import { connectNotifications } from '../shared/clients'
import { type Service, Shutdown } from '../shared/service'
import { consumerGroups, ensureTopics, whatsappTopics } from '../shared/topics'
import type { DeliveryConfig } from './config'
import { consumeMessagesForDelivery } from './entrypoints/messages.consumer'
import { consumeReceiptsForDelivery } from './entrypoints/receipts.consumer'

export interface DeliveryDeps {
  logger?: Logger
  /** Embedded mode: the in-process MemoryEventLog and MemoryRedis. */
  eventLog?: EventLog
  redis?: RedisClient
}

/** Delivery: Kafka consumers that fan messages and receipts out to Redis inbox channels. */
export function createDeliveryService(config: DeliveryConfig, deps: DeliveryDeps = {}): Service<Record<string, never>> {
  const logger = deps.logger ?? silentLogger
  const shutdown = new Shutdown(logger)
  return {
    async start() {
      const eventLog =
        deps.eventLog ??
        (await createKafkaEventLog({ brokers: config.kafkaBrokers, clientId: 'whatsapp-delivery', logger }))
      if (!deps.eventLog) shutdown.defer(() => eventLog.close())
      // Auto-pipelining: commands issued in the same tick (a group's PUBLISHes) leave in one write.
      const redis = deps.redis ?? createRedis(config.redisUrl, { enableAutoPipelining: true })
      if (!deps.redis) shutdown.defer(() => redis.quit())
      const notifications = connectNotifications(config.notificationAddress)
      shutdown.defer(() => notifications.close())

      const topics = whatsappTopics(config.topicPrefix)
      const groups = consumerGroups(config.topicPrefix)
      await ensureTopics(eventLog, topics)
      const [messages, receipts] = await Promise.all([
        consumeMessagesForDelivery(
          eventLog,
          { topic: topics.messages, groupId: groups.delivery },
          redis,
          notifications,
        ),
        consumeReceiptsForDelivery(eventLog, { topic: topics.receipts, groupId: groups.receiptDelivery }, redis),
      ])
      shutdown.defer(() => Promise.all([messages.stop(), receipts.stop()]))
      return {}
    },
    stop: () => shutdown.run(),
  }
}
