import type { EventLog } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { consumeStage } from '../../shared/stage'
import { consumerGroups, type NetflixTopics, VideoThumbnailedEvent, VideoTranscodedEvent } from '../../shared/topics'
import { makeThumbnail } from '../use-cases/make-thumbnail'

/** Kafka consumer on netflix.transcoded → netflix.thumbnailed (group netflix-thumbnailer). */
export function consumeTranscoded(
  eventLog: EventLog,
  topics: NetflixTopics,
  prefix: string,
  dataDir: string,
  logger: Logger,
) {
  return consumeStage({
    name: 'thumbnail',
    eventLog,
    groupId: consumerGroups(prefix).thumbnailer,
    from: { topic: topics.transcoded, type: VideoTranscodedEvent },
    to: { topic: topics.thumbnailed, type: VideoThumbnailedEvent },
    work: (transcoded) => makeThumbnail(dataDir, transcoded),
    logger,
  })
}
