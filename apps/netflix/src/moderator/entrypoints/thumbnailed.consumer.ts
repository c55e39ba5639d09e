import type { EventLog } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { consumeStage } from '../../shared/stage'
import { consumerGroups, type NetflixTopics, VideoModeratedEvent, VideoThumbnailedEvent } from '../../shared/topics'
import { moderateVideo } from '../use-cases/moderate-video'

/** Kafka consumer on netflix.thumbnailed → netflix.moderated (group netflix-moderator). */
export function consumeThumbnailed(
  eventLog: EventLog,
  topics: NetflixTopics,
  prefix: string,
  dataDir: string,
  logger: Logger,
) {
  return consumeStage({
    name: 'moderate',
    eventLog,
    groupId: consumerGroups(prefix).moderator,
    from: { topic: topics.thumbnailed, type: VideoThumbnailedEvent },
    to: { topic: topics.moderated, type: VideoModeratedEvent },
    work: (thumbnailed) => moderateVideo(dataDir, thumbnailed),
    logger,
  })
}
