import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { consumerGroups, ensureTopics, twitchTopics } from '../shared/topics'
import type { ClipperConfig } from './config'
import { consumeClipJobs } from './entrypoints/clip-jobs.consumer'

/** The clipper: twitch.clip-jobs in, ffmpeg cuts the last seconds of a stream, twitch.clip-results out. */
export function createService(config: ClipperConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'twitch-clipper' })
    const topics = twitchTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const consumer = await consumeClipJobs(eventLog, topics, consumerGroups(config.topicPrefix), {
      mediaDir: config.mediaDir,
      logger,
    })
    shutdown.defer(() => consumer.stop())
    return {}
  }, logger)
}
