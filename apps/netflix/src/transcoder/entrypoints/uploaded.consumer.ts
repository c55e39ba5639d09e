import type { EventLog } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { consumeStage } from '../../shared/stage'
import { consumerGroups, type NetflixTopics, VideoTranscodedEvent, VideoUploadedEvent } from '../../shared/topics'
import { transcodeVideo } from '../use-cases/transcode-video'

/** Kafka consumer on netflix.uploaded → netflix.transcoded (group netflix-transcoder). */
export function consumeUploads(
  eventLog: EventLog,
  topics: NetflixTopics,
  prefix: string,
  dataDir: string,
  logger: Logger,
) {
  return consumeStage({
    name: 'transcode',
    eventLog,
    groupId: consumerGroups(prefix).transcoder,
    from: { topic: topics.uploaded, type: VideoUploadedEvent },
    to: { topic: topics.transcoded, type: VideoTranscodedEvent },
    work: (uploaded) => transcodeVideo(dataDir, uploaded, logger),
    logger,
  })
}
