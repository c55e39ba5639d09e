import type { RedisClient } from '@wired/redis'
import type { RedisKeys } from '../../shared/redis-keys'
import { BUCKET_TTL_SECONDS, minuteOf } from '../../shared/trending-window'

/**
 * Counts a post's tags into its minute's bucket, once per post: SADD to the minute's seen-set
 * answers 0 for a post already counted (a redelivered record), and then nothing is added.
 * A crash between the two leaves that post uncounted, which a trending list can afford.
 */
export class TagCounts {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async count(postId: string, createdAtMs: number, tags: readonly string[]): Promise<boolean> {
    if (tags.length === 0) return false
    const minute = minuteOf(createdAtMs)
    const seen = this.keys.trendingSeen(minute)
    const bucket = this.keys.trendingBucket(minute)
    const added = await this.redis.sadd(seen, postId)
    await this.redis.expire(seen, BUCKET_TTL_SECONDS)
    if (added === 0) return false
    await Promise.all([
      ...tags.map((tag) => this.redis.hincrby(bucket, tag, 1)),
      this.redis.expire(bucket, BUCKET_TTL_SECONDS),
    ])
    return true
  }
}
