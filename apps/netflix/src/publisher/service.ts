import { openServiceDatabase } from '@wired/db'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { ensureTopics, netflixTopics } from '../shared/topics'
import type { PublisherConfig } from './config'
import { consumeModerated } from './entrypoints/moderated.consumer'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The publisher: an approved video becomes ready, announced once on netflix.ready. */
export function createService(config: PublisherConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'netflix-publisher' })
    const topics = netflixTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const consumer = await consumeModerated(eventLog, topics, config.topicPrefix, pool, logger)
    shutdown.defer(() => consumer.stop())
    return {}
  }, logger)
}
