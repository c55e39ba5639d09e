import type { Pool } from '@wired/db'
import type { EventLog } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { consumeStage } from '../../shared/stage'
import { consumerGroups, type NetflixTopics, VideoReadyEvent } from '../../shared/topics'

/**
 * Kafka consumer on netflix.ready (group netflix-notifier): tells the uploader, once. The
 * "send" is a row the studio page could read; a real one would be an email or a push, made
 * idempotent the same way (a key per video).
 */
export function consumeReady(eventLog: EventLog, topics: NetflixTopics, prefix: string, pool: Pool, logger: Logger) {
  return consumeStage({
    name: 'notify',
    eventLog,
    groupId: consumerGroups(prefix).notifier,
    from: { topic: topics.ready, type: VideoReadyEvent },
    work: async (ready) => {
      await pool.query('INSERT INTO notifications (video_id, text) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        ready.videoId,
        `Your video ${ready.videoId} is ready to watch`,
      ])
      return undefined
    },
    logger,
  })
}
