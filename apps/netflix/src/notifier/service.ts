import { openServiceDatabase } from '@wired/db'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { ensureTopics, netflixTopics } from '../shared/topics'
import type { NotifierConfig } from './config'
import { consumeReady } from './entrypoints/ready.consumer'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The notifier: one notice per ready video. */
export function createService(config: NotifierConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'netflix-notifier' })
    const topics = netflixTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const consumer = await consumeReady(eventLog, topics, config.topicPrefix, pool, logger)
    shutdown.defer(() => consumer.stop())
    return {}
  }, logger)
}
