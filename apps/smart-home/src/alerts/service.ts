import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { openSmartHomeDatabase } from '../shared/database'
import { kafkaTopics, topicSpecs } from '../shared/kafka-topics'
import { insertNotifications, publishNotifications } from './adapters/notifications'
import type { AlertsConfig } from './config'
import { evaluate } from './domain/rules'
import { consumeReadingsForAlerts } from './entrypoints/readings.consumer'

/**
 * Threshold rules over the reading stream: evaluate → store → publish. Stored first, so a
 * notification the dashboard shows is always in the history; a crash between the two publishes
 * it again on replay (the dashboard dedupes by id).
 */
export function createService(config: AlertsConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const pool = await openSmartHomeDatabase(config.database, logger, shutdown)
    const events = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'smart-home-alerts' })
    await events.createTopics(topicSpecs(config.topicPrefix))
    const topics = kafkaTopics(config.topicPrefix)
    const subscription = await consumeReadingsForAlerts(
      events,
      logger,
      { topic: topics.readings, groupId: config.groupId },
      async (readings) => {
        const fired = readings.flatMap((reading) => evaluate(reading))
        await insertNotifications(pool, fired)
        await publishNotifications(events, topics.notifications, fired)
      },
    )
    shutdown.defer(() => subscription.stop())
    return {}
  }, logger)
}
