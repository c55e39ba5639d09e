import type { IdempotencyRecord, IdempotencyStore } from '@wired/http'
import type { RedisClient } from '@wired/redis'

/**
 * Idempotency keys in Redis, shared by every api replica (the in-memory store is per process):
 *   reserve  → SET <prefix>idem:<key> {in-flight} NX PX lockTtlMs   (atomic: one winner)
 *   complete → SET <prefix>idem:<key> {completed, response} PX ttlMs
 *   get      → GET, release → DEL
 */
export function createRedisIdempotencyStore(redis: RedisClient, prefix: string): IdempotencyStore {
  const keyOf = (key: string) => `${prefix}idem:${key}`
  return {
    async reserve(key, fingerprint, lockTtlMs) {
      const record: IdempotencyRecord = { state: 'in-flight', fingerprint }
      return (await redis.set(keyOf(key), JSON.stringify(record), 'PX', lockTtlMs, 'NX')) === 'OK'
    },
    async complete(key, fingerprint, response, ttlMs) {
      const record: IdempotencyRecord = { state: 'completed', fingerprint, response }
      await redis.set(keyOf(key), JSON.stringify(record), 'PX', ttlMs)
    },
    async get(key) {
      const stored = await redis.get(keyOf(key))
      return stored === null ? undefined : (JSON.parse(stored) as IdempotencyRecord)
    },
    async release(key) {
      await redis.del(keyOf(key))
    },
  }
}
