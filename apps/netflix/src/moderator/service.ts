import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { ensureTopics, netflixTopics } from '../shared/topics'
import type { ModeratorConfig } from './config'
import { consumeThumbnailed } from './entrypoints/thumbnailed.consumer'

/** The moderator: reviews each thumbnailed video before it may be published. */
export function createService(config: ModeratorConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'netflix-moderator' })
    const topics = netflixTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const consumer = await consumeThumbnailed(eventLog, topics, config.topicPrefix, config.dataDir, logger)
    shutdown.defer(() => consumer.stop())
    return {}
  }, logger)
}
