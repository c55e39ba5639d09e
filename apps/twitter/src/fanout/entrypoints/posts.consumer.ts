import { decodeEvent, type EventLog } from '@wired/events'
import type { Post } from '@wired/proto/twitter/v1/posts'
import { PostCreatedEvent } from '../../shared/topics'

/**
 * Kafka consumer on twitter.posts: every post is fanned out (see use-cases/fan-out). The offset
 * is committed only after the handler resolved, so a crash mid-fan-out means the post is fanned
 * out again from the start: ZADD of the same post id is a no-op, so that is safe.
 */
export function consumePostsForFanOut(
  eventLog: EventLog,
  options: { topic: string; groupId: string },
  fanOut: (post: Post) => Promise<number>,
  onFannedOut: (timelines: number) => void,
) {
  return eventLog.subscribe({
    groupId: options.groupId,
    topics: [options.topic],
    // A new group (first start, or a rebuild) reads the topic from its first record.
    fromBeginning: true,
    handler: async (record) => {
      const { post } = decodeEvent(PostCreatedEvent, record)
      if (post) onFannedOut(await fanOut(post))
    },
  })
}
