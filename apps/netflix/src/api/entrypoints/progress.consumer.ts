import type { EventLog } from '@wired/events'
import { decodeEvent } from '@wired/events'
import type { Logger } from '@wired/runtime'
import {
  consumerGroups,
  type NetflixTopics,
  VideoModeratedEvent,
  VideoReadyEvent,
  VideoThumbnailedEvent,
  VideoTranscodedEvent,
} from '../../shared/topics'
import type { VideoRepository } from '../adapters/video.repository'

/**
 * Kafka consumer on every stage's output (group netflix-api-progress): the catalogue follows a
 * video through the pipeline for the studio page. advance() only moves forward, so a
 * redelivered or late record changes nothing.
 */
export function consumeProgress(
  eventLog: EventLog,
  topics: NetflixTopics,
  prefix: string,
  videos: VideoRepository,
  logger: Logger,
) {
  return eventLog.subscribe({
    groupId: consumerGroups(prefix).progress,
    topics: [topics.transcoded, topics.thumbnailed, topics.moderated, topics.ready],
    fromBeginning: true,
    handler: async (record) => {
      const type = record.headers['event-type']
      if (type === VideoTranscodedEvent.typeName) {
        const event = decodeEvent(VideoTranscodedEvent, record)
        await videos.advance(event.videoId, 'transcoded', { renditions: event.renditions })
      } else if (type === VideoThumbnailedEvent.typeName) {
        const event = decodeEvent(VideoThumbnailedEvent, record)
        await videos.advance(event.videoId, 'thumbnailed', { thumbnailKey: event.thumbnailKey })
      } else if (type === VideoModeratedEvent.typeName) {
        const event = decodeEvent(VideoModeratedEvent, record)
        await videos.advance(event.videoId, event.approved ? 'moderated' : 'rejected', { reason: event.reason })
      } else if (type === VideoReadyEvent.typeName) {
        await videos.advance(decodeEvent(VideoReadyEvent, record).videoId, 'ready')
      } else logger.warn({ type, topic: record.topic }, 'unknown record type; skipped')
    },
  })
}
