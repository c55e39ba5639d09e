import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { ensureTopics, netflixTopics } from '../shared/topics'
import type { ThumbnailerConfig } from './config'
import { consumeTranscoded } from './entrypoints/transcoded.consumer'

/** The thumbnailer: one poster frame per transcoded video. */
export function createService(config: ThumbnailerConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const eventLog = await openEventLog(deps, shutdown, {
      brokers: config.kafkaBrokers,
      clientId: 'netflix-thumbnailer',
    })
    const topics = netflixTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const consumer = await consumeTranscoded(eventLog, topics, config.topicPrefix, config.dataDir, logger)
    shutdown.defer(() => consumer.stop())
    return {}
  }, logger)
}
