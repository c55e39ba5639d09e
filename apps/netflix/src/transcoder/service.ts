import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { ensureTopics, netflixTopics } from '../shared/topics'
import type { TranscoderConfig } from './config'
import { consumeUploads } from './entrypoints/uploaded.consumer'

/** The transcoder: every upload becomes HLS renditions (real ffmpeg) and a master playlist. */
export function createService(config: TranscoderConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const eventLog = await openEventLog(deps, shutdown, {
      brokers: config.kafkaBrokers,
      clientId: 'netflix-transcoder',
    })
    const topics = netflixTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const consumer = await consumeUploads(eventLog, topics, config.topicPrefix, config.dataDir, logger)
    shutdown.defer(() => consumer.stop())
    return {}
  }, logger)
}
