import { defineService, openEventLog, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { connectNotifications } from '../shared/clients'
import { consumerGroups, ensureTopics, whatsappTopics } from '../shared/topics'
import type { DeliveryConfig } from './config'
import { consumeMessagesForDelivery } from './entrypoints/messages.consumer'
import { consumeReceiptsForDelivery } from './entrypoints/receipts.consumer'

/** Delivery: Kafka consumers that fan messages and receipts out to Redis inbox channels. */
export function createService(config: DeliveryConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'whatsapp-delivery' })
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const notifications = connectNotifications(config.notificationAddress, {
      name: 'delivery',
      secret: config.grpcSecret,
    })
    shutdown.defer(() => notifications.close())

    const topics = whatsappTopics(config.topicPrefix)
    const groups = consumerGroups(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const [messages, receipts] = await Promise.all([
      consumeMessagesForDelivery(eventLog, { topic: topics.messages, groupId: groups.delivery }, redis, notifications),
      consumeReceiptsForDelivery(eventLog, { topic: topics.receipts, groupId: groups.receiptDelivery }, redis),
    ])
    shutdown.defer(() => Promise.all([messages.stop(), receipts.stop()]))
    return {}
  }, logger)
}
