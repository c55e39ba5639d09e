import { type EventLog, encodeEvent } from '@wired/events'
import type { LikeChanged } from '@wired/proto/twitter/v1/events'
import { LikeChangedEvent } from '../../shared/topics'

/**
 * Publishes a like change to twitter.likes, keyed by post so a post's counts arrive in order.
 * Only the live counters read it: the count in PostgreSQL is the truth, so the RPC answers
 * after the publish but a lost event only delays a counter until the next page load.
 */
export function likeEventPublisher(eventLog: EventLog, topic: string) {
  return async (change: LikeChanged): Promise<void> => {
    await eventLog.publish(topic, [{ key: change.postId, ...encodeEvent(LikeChangedEvent, change) }])
  }
}
