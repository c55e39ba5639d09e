import { type EventLog, encodeEvent } from '@wired/events'
import { StreamEndedEvent, StreamStartedEvent, type TwitchTopics } from '../../shared/topics'
import type { EndReason } from '../domain/publish-rules'

/**
 * twitch.stream-events, keyed by channel: one channel's StreamStarted and StreamEnded land on one
 * partition, in order, so the api never sees a stream end before it started.
 */
export class StreamEventsPublisher {
  constructor(
    private readonly eventLog: EventLog,
    private readonly topics: TwitchTopics,
  ) {}

  started(channel: string, streamId: string, startedAtMs: number, renditions: string[]): Promise<void> {
    return this.eventLog.publish(this.topics.streamEvents, [
      { key: channel, ...encodeEvent(StreamStartedEvent, { channel, streamId, startedAtMs, renditions }) },
    ])
  }

  ended(channel: string, streamId: string, endedAtMs: number, reason: EndReason): Promise<void> {
    return this.eventLog.publish(this.topics.streamEvents, [
      { key: channel, ...encodeEvent(StreamEndedEvent, { channel, streamId, endedAtMs, reason }) },
    ])
  }
}
