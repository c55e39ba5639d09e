import { decodeEvent, EVENT_TYPE_HEADER, type EventLog, encodeEvent } from '@wired/events'
import { AppError, type Logger } from '@wired/runtime'
import { ClipFinishedEvent, ClipRequestedEvent, type consumerGroups, type TwitchTopics } from '../../shared/topics'
import { cutClip } from '../use-cases/cut-clip'

/**
 * The clipper's one consumer: group `twitch-clipper` on twitch.clip-jobs. The offset is committed
 * after the answer is on twitch.clip-results (at-least-once): a clipper killed mid-cut gets the job
 * again, and cutClip skips the ffmpeg run when the clip is already on disk, so a job is cut once.
 * An ffmpeg that fails (a disk error) is retried, then the job is dead-lettered.
 */
export function consumeClipJobs(
  eventLog: EventLog,
  topics: TwitchTopics,
  groups: ReturnType<typeof consumerGroups>,
  deps: { mediaDir: string; logger: Logger },
) {
  return eventLog.subscribe({
    groupId: groups.clipper,
    topics: [topics.clipJobs],
    fromBeginning: true,
    maxRetries: 3,
    retryBackoffMs: 500,
    handler: async (record) => {
      if (record.headers[EVENT_TYPE_HEADER] !== ClipRequestedEvent.typeName) {
        throw new AppError('INVALID_ARGUMENT', `unknown event type ${record.headers[EVENT_TYPE_HEADER]}`)
      }
      const job = decodeEvent(ClipRequestedEvent, record)
      const answer = await cutClip(job, deps)
      await eventLog.publish(topics.clipResults, [{ key: job.channel, ...encodeEvent(ClipFinishedEvent, answer) }])
    },
  })
}
