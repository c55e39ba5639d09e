import { fileURLToPath } from 'node:url'
import { createKafkaEventLog, type EventLog } from '@wired/events'
import { type Logger, silentLogger } from '@wired/runtime'
import { openServiceDatabase } from '../shared/database'
import { type Service, Shutdown } from '../shared/service'
import { consumerGroups, ensureTopics, RECORDING_CONSUMER, whatsappTopics } from '../shared/topics'
import { AuditLog } from './adapters/audit-log'
import type { AuditConfig } from './config'
import { consumeAuditTrail } from './entrypoints/audit-trail.consumer'

const migrations = fileURLToPath(new URL('./migrations', import.meta.url))

/** Audit: a Kafka consumer appending every record of both topics to an append-only table. */
export function createAuditService(
  config: AuditConfig,
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
          clientId: 'whatsapp-audit',
          logger,
          consumer: RECORDING_CONSUMER,
        }))
      if (!deps.eventLog) shutdown.defer(() => eventLog.close())
      const topics = whatsappTopics(config.topicPrefix)
      await ensureTopics(eventLog, topics)
      const trail = await consumeAuditTrail(
        eventLog,
        [topics.messages, topics.receipts],
        consumerGroups(config.topicPrefix).audit,
        new AuditLog(pool),
      )
      shutdown.defer(() => trail.stop())
      return {}
    },
    stop: () => shutdown.run(),
  }
}
