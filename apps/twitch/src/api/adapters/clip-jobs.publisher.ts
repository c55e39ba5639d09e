import { type EventLog, encodeEvent } from '@wired/events'
import { ClipRequestedEvent, type TwitchTopics } from '../../shared/topics'

/** twitch.clip-jobs, keyed by channel: what the clipper cuts. */
export class ClipJobsPublisher {
  constructor(
    private readonly eventLog: EventLog,
    private readonly topics: TwitchTopics,
  ) {}

  requested(job: { clipId: string; channel: string; streamId: string; requestedBy: string; seconds: number }) {
    return this.eventLog.publish(this.topics.clipJobs, [
      { key: job.channel, ...encodeEvent(ClipRequestedEvent, { ...job, atMs: Date.now() }) },
    ])
  }
}
