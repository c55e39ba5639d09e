import { decodeEvent, type EventLog } from '@wired/events'
import { hashtagsOf } from '../../shared/post-text'
import { PostCreatedEvent } from '../../shared/topics'
import type { TagCounts } from '../adapters/tag-counts'

/** Kafka consumer on twitter.posts (group twitter-trending): hash tags into minute buckets. */
export function consumePostsForTrending(
  eventLog: EventLog,
  options: { topic: string; groupId: string },
  counts: TagCounts,
) {
  return eventLog.subscribe({
    groupId: options.groupId,
    topics: [options.topic],
    // Trending is about now: a new group starts at the end instead of counting the whole history.
    fromBeginning: false,
    handler: async (record) => {
      const { post } = decodeEvent(PostCreatedEvent, record)
      if (post) await counts.count(post.postId, post.createdAtMs, hashtagsOf(post.text))
    },
  })
}
