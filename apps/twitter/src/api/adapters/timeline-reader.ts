import type { RedisClient } from '@wired/redis'
import type { RedisKeys } from '../../shared/redis-keys'
import { topTags, windowMinutes } from '../../shared/trending-window'

/** The api's reads of what the fan-out and trending consumers wrote to Redis. */
export class TimelineReader {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** Up to `limit` post ids of the reader's cached timeline older than `beforeId` (exclusive), newest first. */
  before(readerId: string, beforeId: string | undefined, limit: number): Promise<string[]> {
    return this.redis.zrevrangebyscore(
      this.keys.timeline(readerId),
      beforeId ? `(${beforeId}` : '+inf',
      '-inf',
      'LIMIT',
      0,
      limit,
    )
  }

  /** How many cached posts are newer than `sinceId` (the polling fallback's "N new posts"), up to `limit`. */
  async newerThan(readerId: string, sinceId: string, limit: number): Promise<string[]> {
    return this.redis.zrevrangebyscore(this.keys.timeline(readerId), '+inf', `(${sinceId}`, 'LIMIT', 0, limit)
  }

  async trending(nowMs: number, limit: number) {
    const buckets = await Promise.all(
      windowMinutes(nowMs).map((minute) => this.redis.hgetall(this.keys.trendingBucket(minute))),
    )
    return topTags(buckets, limit)
  }
}
