import type { RedisClient } from '@wired/redis'
import type { RedisKeys } from '../../shared/redis-keys'

/**
 * Who may do what to a document, as the api last wrote it to Redis (HSET access:<doc> <user>
 * <role>, DEL on delete). PostgreSQL holds the truth; this copy lets every replica check each op
 * without a call to the api. No entry means no access, and also "no such document".
 */
export class AccessList {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  roleOf(docId: string, userId: string): Promise<string | null> {
    return this.redis.hget(this.keys.access(docId), userId)
  }
}
