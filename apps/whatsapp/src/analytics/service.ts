import { fileURLToPath } from 'node:url'
import { createKafkaEventLog, type EventLog } from '@wired/events'
import { type Logger, silentLogger } from '@wired/runtime'
import { openServiceDatabase } from '../shared/database'
import { type Service, Shutdown } from '../shared/service'
import { consumerGroups, ensureTopics, RECORDING_CONSUMER, whatsappTopics } from '../shared/topics'
import { MessageCounts } from './adapters/message-counts'
import type { AnalyticsConfig } from './config'
import { consumeMessageCounts } from './entrypoints/message-counts.consumer'

const migrations = fileURLToPath(new URL('./migrations', import.meta.url))

/** Analytics: a Kafka consumer turning whatsapp.messages into messages-per-minute rows. */
export function createAnalyticsService(
  config: AnalyticsConfig,
  deps: { logger?: Logger; eventLog?: EventLog } = {},
): Service<Record<string, never>> {
  const logger = deps.logger ?? silentLogger
  const shutdown = new Shutdown(logger)
  return {
    async start() {
      const pool = await openServiceDatabase(config.databaseUrl, config.databaseSchema, migrations, { logger })
      shutdown.defer(() => pool.end())
      const eventLog =
        deps.eventLog ??
        (await createKafkaEventLog({
          brokers: config.kafkaBrokers,
          clientId: 'whatsapp-analytics',
          logger,
          consumer: RECORDING_CONSUMER,
        }))
      if (!deps.eventLog) shutdown.defer(() => eventLog.close())
      const topics = whatsappTopics(config.topicPrefix)
      await ensureTopics(eventLog, topics)
      const counting = await consumeMessageCounts(
        eventLog,
        topics.messages,
        consumerGroups(config.topicPrefix).analytics,
        new MessageCounts(pool),
      )
      shutdown.defer(() => counting.stop())
      return {}
    },
    stop: () => shutdown.run(),
  }
}
