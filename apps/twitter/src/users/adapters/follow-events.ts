import { type EventLog, encodeEvent } from '@wired/events'
import type { FollowChanged } from '@wired/proto/twitter/v1/events'
import { FollowChangedEvent } from '../../shared/topics'

/**
 * Publishes a follow or unfollow to twitter.follows, keyed by the follower so one reader's
 * changes stay in order. The RPC answers only after Kafka acknowledged: a client that got "ok"
 * knows its timeline will be backfilled, and a failure makes it retry (the follow is idempotent,
 * and a repeated event backfills the same posts again).
 */
export function followEventPublisher(eventLog: EventLog, topic: string) {
  return async (change: FollowChanged): Promise<void> => {
    await eventLog.publish(topic, [{ key: change.followerId, ...encodeEvent(FollowChangedEvent, change) }])
  }
}
