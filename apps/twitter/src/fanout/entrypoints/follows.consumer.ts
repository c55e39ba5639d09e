import { decodeEvent, type EventLog } from '@wired/events'
import type { FollowChanged } from '@wired/proto/twitter/v1/events'
import { FollowChangedEvent } from '../../shared/topics'

/** Kafka consumer on twitter.follows: backfill or remove the followee's posts (use-cases/fan-out). */
export function consumeFollowsForBackfill(
  eventLog: EventLog,
  options: { topic: string; groupId: string },
  apply: (change: FollowChanged) => Promise<void>,
) {
  return eventLog.subscribe({
    groupId: options.groupId,
    topics: [options.topic],
    fromBeginning: true,
    handler: async (record) => apply(decodeEvent(FollowChangedEvent, record)),
  })
}
