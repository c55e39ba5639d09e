/**
 * The scenario's Kafka contract: the pipeline's topics in stage order, one consumer group per
 * stage, and the protobuf type of every record value (its `event-type` header names it). Every
 * topic is keyed by video id, so one video's records stay in order on one partition.
 *
 *   netflix.uploaded     api          → transcoder                 (and api: progress)
 *   netflix.transcoded   transcoder   → thumbnailer                (and api)
 *   netflix.thumbnailed  thumbnailer  → moderator                  (and api)
 *   netflix.moderated    moderator    → publisher                  (and api)
 *   netflix.ready        publisher    → notifier                   (and api)
 */
import { defaultDeadLetterTopic, type EventLog, eventType } from '@wired/events'
import {
  VideoModerated,
  VideoReady,
  VideoThumbnailed,
  VideoTranscoded,
  VideoUploaded,
} from '@wired/proto/netflix/v1/events'

/** `prefix` is empty in a deployment; tests sharing one broker pass a run id. */
export function netflixTopics(prefix = '') {
  return {
    uploaded: `${prefix}netflix.uploaded`,
    transcoded: `${prefix}netflix.transcoded`,
    thumbnailed: `${prefix}netflix.thumbnailed`,
    moderated: `${prefix}netflix.moderated`,
    ready: `${prefix}netflix.ready`,
  }
}

export type NetflixTopics = ReturnType<typeof netflixTopics>

/** One group per stage: each group reads every record of its topic. */
export function consumerGroups(prefix = '') {
  return {
    transcoder: `${prefix}netflix-transcoder`,
    thumbnailer: `${prefix}netflix-thumbnailer`,
    moderator: `${prefix}netflix-moderator`,
    publisher: `${prefix}netflix-publisher`,
    notifier: `${prefix}netflix-notifier`,
    progress: `${prefix}netflix-api-progress`,
  }
}

export const PARTITIONS = 3

export const VideoUploadedEvent = eventType('wired.netflix.v1.VideoUploaded', VideoUploaded)
export const VideoTranscodedEvent = eventType('wired.netflix.v1.VideoTranscoded', VideoTranscoded)
export const VideoThumbnailedEvent = eventType('wired.netflix.v1.VideoThumbnailed', VideoThumbnailed)
export const VideoModeratedEvent = eventType('wired.netflix.v1.VideoModerated', VideoModerated)
export const VideoReadyEvent = eventType('wired.netflix.v1.VideoReady', VideoReady)

/** Every service that touches the pipeline creates its topics (and dead-letter topics) at start. */
export async function ensureTopics(eventLog: EventLog, topics: NetflixTopics): Promise<void> {
  await eventLog.createTopics(
    Object.values(topics).flatMap((topic) => [
      { topic, partitions: PARTITIONS },
      { topic: defaultDeadLetterTopic(topic), partitions: 1 },
    ]),
  )
}
