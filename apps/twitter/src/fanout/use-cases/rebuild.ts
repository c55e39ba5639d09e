import type { Subscription } from '@wired/events'
import type { RedisClient } from '@wired/redis'
import type { RedisKeys } from '../../shared/redis-keys'
import type { TimelineStore } from '../adapters/timeline-store'

/**
 * The fan-out consumer of twitter.posts, and the rebuild that replays it. Kafka keeps every
 * post, so the timelines in Redis are only a cache of it: delete them all, read the topic again
 * from its first record under a consumer group that has never committed, and the same
 * timelines come back. The group in use is kept in Redis, so a restart after a rebuild goes on
 * from that group's committed offsets instead of replaying again.
 */
export class FanOutConsumer {
  private subscription: Subscription | undefined

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly timelines: TimelineStore,
    private readonly baseGroup: string,
    private readonly subscribe: (groupId: string) => Promise<Subscription>,
  ) {}

  async start(): Promise<string> {
    const group = (await this.redis.get(this.keys.fanoutGroup)) ?? this.baseGroup
    this.subscription = await this.subscribe(group)
    return group
  }

  async rebuild(): Promise<{ deletedTimelines: number; consumerGroup: string }> {
    await this.stop()
    const deletedTimelines = await this.timelines.deleteAll()
    const consumerGroup = `${this.baseGroup}.rebuild-${Date.now()}`
    await this.redis.set(this.keys.fanoutGroup, consumerGroup)
    this.subscription = await this.subscribe(consumerGroup)
    return { deletedTimelines, consumerGroup }
  }

  async stop(): Promise<void> {
    const subscription = this.subscription
    this.subscription = undefined
    await subscription?.stop()
  }
}
