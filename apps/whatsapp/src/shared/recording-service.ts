import { openServiceDatabase, type Pool } from '@wired/db'
import type { EventLog, Subscription } from '@wired/events'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { type ServiceDatabaseConfig, silentLogger } from '@wired/runtime'
import { consumerGroups, ensureTopics, RECORDING_CONSUMER, type WhatsappTopics, whatsappTopics } from './topics'

export interface RecordingConfig {
  database: ServiceDatabaseConfig
  kafkaBrokers: string[]
  topicPrefix: string
}

/**
 * The shape shared by analytics and audit: a service whose only entry point is a Kafka
 * consumer that records what it reads into its own tables. Nobody waits on it, so it fetches
 * in bulk (RECORDING_CONSUMER) and lags without anyone noticing.
 */
export function createRecordingService(
  config: RecordingConfig,
  deps: ServiceDeps,
  recorder: {
    clientId: string
    /** The service's own migrations/ folder. */
    migrations: string
    consume(
      eventLog: EventLog,
      pool: Pool,
      topics: WhatsappTopics,
      groups: ReturnType<typeof consumerGroups>,
    ): Promise<Subscription>
  },
) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({
      url,
      schema,
      migrations: recorder.migrations,
      logger,
      maxConnections: connections,
    })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, {
      brokers: config.kafkaBrokers,
      clientId: recorder.clientId,
      consumer: RECORDING_CONSUMER,
    })
    const topics = whatsappTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const subscription = await recorder.consume(eventLog, pool, topics, consumerGroups(config.topicPrefix))
    shutdown.defer(() => subscription.stop())
    return {}
  }, logger)
}
