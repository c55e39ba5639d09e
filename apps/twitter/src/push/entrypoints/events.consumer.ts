import { decodeEvent, type EventLog, type IncomingRecord } from '@wired/events'
import type { PushFrame } from '../../shared/push-frames'
import { FollowChangedEvent, LikeChangedEvent, PostCreatedEvent, type TwitterTopics } from '../../shared/topics'
import type { OnlineReaders } from '../adapters/online-readers'

/**
 * This gateway's Kafka consumer (its own group: every gateway reads everything): a post tells
 * the author's online followers "new post", a like moves the counter of those watching the
 * post, a follow changes whose posts a connected reader hears about. It starts at the log's end:
 * a socket wants what happens from now on (the feed itself comes over REST).
 */
export function consumeForPush(eventLog: EventLog, topics: TwitterTopics, groupId: string, readers: OnlineReaders) {
  const handlers: Record<string, (record: IncomingRecord) => void> = {
    [topics.posts]: (record) => {
      const { post } = decodeEvent(PostCreatedEvent, record)
      if (!post) return
      const frame = JSON.stringify({
        type: 'new-post',
        postId: post.postId,
        authorId: post.authorId,
      } satisfies PushFrame)
      for (const connection of readers.followersOf(post.authorId)) connection.sendEncoded(frame)
    },
    [topics.likes]: (record) => {
      const { postId, count } = decodeEvent(LikeChangedEvent, record)
      const frame = JSON.stringify({ type: 'likes', postId, count } satisfies PushFrame)
      for (const connection of readers.watchersOf(postId)) connection.sendEncoded(frame)
    },
    [topics.follows]: (record) => {
      const { followerId, followeeId, following } = decodeEvent(FollowChangedEvent, record)
      readers.follow(followerId, followeeId, following)
    },
  }
  return eventLog.subscribe({
    groupId,
    topics: [topics.posts, topics.likes, topics.follows],
    fromBeginning: false,
    batchHandler: async (records) => {
      for (const record of records) handlers[record.topic]?.(record)
    },
  })
}
