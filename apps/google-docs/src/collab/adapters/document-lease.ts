import type { RedisClient } from '@wired/redis'
import type { RedisKeys } from '../../shared/redis-keys'

export type LeaseAttempt = { won: true; fence: number } | { won: false; holder: string | undefined }

/**
 * One authority per document, with a Redis lease and a fencing token (not Kafka partition
 * ownership: a partition holds hundreds of documents, and moving one hot document would mean
 * moving all of them; a lease moves exactly one, in LEASE_MS).
 *
 *   INCR fence:<doc>                            → n, larger than any earlier authority's
 *   SET lease:<doc> <replica>:<n> NX PX <ttl>   → won, or someone else holds it
 *
 * Every op record carries the fence; the history consumer drops records of an older fence than
 * one it has seen, so a paused authority that wakes after losing its lease cannot rewrite history.
 */
export class DocumentLease {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly replicaId: string,
    private readonly ttlMs: number,
  ) {}

  async acquire(docId: string): Promise<LeaseAttempt> {
    const current = await this.redis.get(this.keys.lease(docId))
    if (current) return { won: false, holder: current.split(':')[0] }
    const fence = await this.redis.incr(this.keys.fence(docId))
    const set = await this.redis.set(this.keys.lease(docId), `${this.replicaId}:${fence}`, 'PX', this.ttlMs, 'NX')
    if (set === 'OK') return { won: true, fence }
    const holder = await this.redis.get(this.keys.lease(docId))
    return { won: false, holder: holder?.split(':')[0] }
  }

  /** Still ours? Checked before every commit and on every renewal. */
  async holds(docId: string, fence: number): Promise<boolean> {
    return (await this.redis.get(this.keys.lease(docId))) === `${this.replicaId}:${fence}`
  }

  async renew(docId: string, fence: number): Promise<boolean> {
    if (!(await this.holds(docId, fence))) return false
    await this.redis.pexpire(this.keys.lease(docId), this.ttlMs)
    return true
  }

  /** On a clean stop: the other replica can take over at once instead of after the TTL. */
  async release(docId: string, fence: number): Promise<void> {
    if (await this.holds(docId, fence)) await this.redis.del(this.keys.lease(docId))
  }
}
