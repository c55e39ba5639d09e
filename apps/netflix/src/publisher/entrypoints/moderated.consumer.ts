import type { Pool } from '@wired/db'
import { type EventLog, encodeEvent } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { consumeStage } from '../../shared/stage'
import { consumerGroups, type NetflixTopics, VideoModeratedEvent, VideoReadyEvent } from '../../shared/topics'

/**
 * Kafka consumer on netflix.moderated → netflix.ready (group netflix-publisher). Exactly one
 * ready record per video, unless the publisher dies between publishing and the UPDATE below
 * (then the redelivery publishes once more and the notifier's primary key absorbs it). The
 * other order (mark, then publish) could lose the record instead: a duplicate is the safer failure.
 */
export function consumeModerated(
  eventLog: EventLog,
  topics: NetflixTopics,
  prefix: string,
  pool: Pool,
  logger: Logger,
) {
  return consumeStage({
    name: 'ready',
    eventLog,
    groupId: consumerGroups(prefix).publisher,
    from: { topic: topics.moderated, type: VideoModeratedEvent },
    work: async (moderated) => {
      if (!moderated.approved) return undefined
      await pool.query('INSERT INTO published (video_id) VALUES ($1) ON CONFLICT DO NOTHING', [moderated.videoId])
      const { rows } = await pool.query<{ announced: boolean }>('SELECT announced FROM published WHERE video_id = $1', [
        moderated.videoId,
      ])
      if (rows[0]?.announced) return undefined
      await eventLog.publish(topics.ready, [
        { key: moderated.videoId, ...encodeEvent(VideoReadyEvent, { videoId: moderated.videoId }) },
      ])
      await pool.query('UPDATE published SET announced = true WHERE video_id = $1', [moderated.videoId])
      return undefined
    },
    logger,
  })
}
