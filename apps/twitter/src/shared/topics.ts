/**
 * The scenario's Kafka contract: topic names, consumer groups and the protobuf type of every
 * record value (its `event-type` header names it).
 *
 *   twitter.posts    keyed by author id   post service (outbox) → fan-out, trending, push gateways
 *   twitter.follows  keyed by follower id user service → fan-out (backfill / remove), push gateways
 *   twitter.likes    keyed by post id     like service → push gateways (live counters)
 */
import { defaultDeadLetterTopic, type EventLog, eventType } from '@wired/events'
import { FollowChanged, LikeChanged, PostCreated } from '@wired/proto/twitter/v1/events'

/** `prefix` is empty in a deployment; tests sharing one broker pass a run id. */
export function twitterTopics(prefix = '') {
  return {
    posts: `${prefix}twitter.posts`,
    follows: `${prefix}twitter.follows`,
    likes: `${prefix}twitter.likes`,
  }
}

export type TwitterTopics = ReturnType<typeof twitterTopics>

/** One group per purpose: each group reads every record, members of a group share partitions. */
export function consumerGroups(prefix = '') {
  return {
    /** twitter.posts → followers' timelines. A rebuild switches to a fresh group (see fanout). */
    fanout: `${prefix}twitter-fanout`,
    /** twitter.follows → backfill or remove the followee's posts in the follower's timeline. */
    followBackfill: `${prefix}twitter-follow-backfill`,
    trending: `${prefix}twitter-trending`,
    /**
     * Every push gateway reads every post, follow and like (it holds its own readers' sockets),
     * so each instance is its own group: Kafka's way to broadcast to a set of replicas.
     */
    push: (instanceId: string) => `${prefix}twitter-push-${instanceId}`,
  }
}

export const PARTITIONS = 6

export const PostCreatedEvent = eventType('wired.twitter.v1.PostCreated', PostCreated)
export const FollowChangedEvent = eventType('wired.twitter.v1.FollowChanged', FollowChanged)
export const LikeChangedEvent = eventType('wired.twitter.v1.LikeChanged', LikeChanged)

/** Every service that touches a topic creates the three (and their dead-letter topics) at start. */
export async function ensureTopics(eventLog: EventLog, topics: TwitterTopics): Promise<void> {
  await eventLog.createTopics(
    Object.values(topics).flatMap((topic) => [
      { topic, partitions: PARTITIONS },
      { topic: defaultDeadLetterTopic(topic), partitions: 1 },
    ]),
  )
}
