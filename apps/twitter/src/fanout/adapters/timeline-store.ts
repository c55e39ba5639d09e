import type { RedisClient } from '@wired/redis'
import type { RedisKeys } from '../../shared/redis-keys'
import { TIMELINE_LENGTH } from '../domain/timeline'

/**
 * Timelines as Redis sorted sets: member and score are both the post id, so the set is ordered
 * newest-first by ZREVRANGE and writing the same post twice changes nothing (a redelivered
 * Kafka record is harmless). Each write trims the set to TIMELINE_LENGTH.
 */
export class TimelineStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** One post into many timelines. Commands issued together go out as one pipeline. */
  async addToMany(readerIds: readonly string[], postId: string): Promise<void> {
    if (readerIds.length === 0) return
    await Promise.all([
      ...readerIds.flatMap((reader) => {
        const key = this.keys.timeline(reader)
        return [this.redis.zadd(key, postId, postId), this.redis.zremrangebyrank(key, 0, -(TIMELINE_LENGTH + 1))]
      }),
      this.redis.sadd(this.keys.timelineIndex, ...readerIds),
    ])
  }

  /** Many posts into one timeline (the backfill when a reader follows someone). */
  async addMany(readerId: string, postIds: readonly string[]): Promise<void> {
    if (postIds.length === 0) return
    const key = this.keys.timeline(readerId)
    await Promise.all([
      this.redis.zadd(key, ...postIds.flatMap((id) => [id, id])),
      this.redis.zremrangebyrank(key, 0, -(TIMELINE_LENGTH + 1)),
      this.redis.sadd(this.keys.timelineIndex, readerId),
    ])
  }

  async removeMany(readerId: string, postIds: readonly string[]): Promise<void> {
    if (postIds.length > 0) await this.redis.zrem(this.keys.timeline(readerId), ...postIds)
  }

  /** Every cached timeline, newest first (for the checksum). */
  async readAll(): Promise<Map<string, string[]>> {
    const readers = await this.redis.smembers(this.keys.timelineIndex)
    const timelines = new Map<string, string[]>()
    for (let i = 0; i < readers.length; i += 500) {
      const chunk = readers.slice(i, i + 500)
      const lists = await Promise.all(chunk.map((reader) => this.redis.zrevrange(this.keys.timeline(reader), 0, -1)))
      for (const [j, reader] of chunk.entries()) timelines.set(reader, lists[j]!)
    }
    return timelines
  }

  /** Deletes every cached timeline; returns how many there were. */
  async deleteAll(): Promise<number> {
    const readers = await this.redis.smembers(this.keys.timelineIndex)
    for (let i = 0; i < readers.length; i += 500)
      await this.redis.del(...readers.slice(i, i + 500).map((reader) => this.keys.timeline(reader)))
    await this.redis.del(this.keys.timelineIndex)
    return readers.length
  }
}
