import { openServiceDatabase } from '@wired/db'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { consumerGroups, ensureTopics, twitchTopics } from '../shared/topics'
import { ChatMinutesRepository } from './adapters/chat-minutes.repository'
import type { AnalyticsConfig } from './config'
import { consumeChatMessages } from './entrypoints/chat-messages.consumer'

const migrations = new URL('./migrations', import.meta.url).pathname

/** Chat analytics: twitch.chat-messages → messages per channel per minute in PostgreSQL. */
export function createService(config: AnalyticsConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'twitch-analytics' })
    const topics = twitchTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const consumer = await consumeChatMessages(
      eventLog,
      topics.chatMessages,
      consumerGroups(config.topicPrefix).analytics,
      new ChatMinutesRepository(pool),
    )
    shutdown.defer(() => consumer.stop())
    return {}
  }, logger)
}
