import type { RedisClient } from '@wired/redis'
import { AppError } from '@wired/runtime'
import type { AppliedOp } from '../../shared/editor-state'
import type { RedisKeys } from '../../shared/redis-keys'
import type { DocumentHead } from '../domain/document-authority'

/**
 * The current revision cache in Redis: the head (revision + text) and the last HISTORY_WINDOW
 * applied ops. The authority writes it after Kafka has the ops and before it acks them, so a
 * new authority that loads it after a crash starts from every acknowledged op.
 */
export class HeadStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly window: number,
  ) {}

  async load(docId: string): Promise<DocumentHead> {
    const raw = await this.redis.get(this.keys.head(docId))
    if (!raw) return { revision: 0, text: '', recent: [] }
    const { revision, text } = JSON.parse(raw) as { revision: number; text: string }
    const recent = await this.opsBetween(docId, Math.max(0, revision - this.window), revision)
    return { revision, text, recent }
  }

  /** One MULTI: the new head, the new ops, and the ops that left the window. */
  async save(
    docId: string,
    head: { revision: number; text: string },
    applied: AppliedOp[],
    fence: number,
  ): Promise<void> {
    const batch = this.redis.multi()
    batch.set(this.keys.head(docId), JSON.stringify({ revision: head.revision, text: head.text, fence }))
    const fields: string[] = []
    for (const op of applied) fields.push(String(op.revision), JSON.stringify(op))
    batch.hset(this.keys.recentOps(docId), ...fields)
    const expired: string[] = []
    for (const op of applied) if (op.revision > this.window) expired.push(String(op.revision - this.window))
    if (expired.length > 0) batch.hdel(this.keys.recentOps(docId), ...expired)
    await batch.exec()
  }

  async revision(docId: string): Promise<{ revision: number; text: string }> {
    const raw = await this.redis.get(this.keys.head(docId))
    return raw ? (JSON.parse(raw) as { revision: number; text: string }) : { revision: 0, text: '' }
  }

  /** Applied ops after `after` up to the head, for an editor catching up (refused if out of the window). */
  async since(docId: string, after: number): Promise<AppliedOp[]> {
    const { revision } = await this.revision(docId)
    if (after > revision)
      throw new AppError('INVALID_ARGUMENT', `revision ${after} is in the future (the document is at ${revision})`)
    if (after < revision - this.window)
      throw new AppError('FAILED_PRECONDITION', `revision ${after} is too old to catch up from; reload the document`)
    return this.opsBetween(docId, after, revision)
  }

  private async opsBetween(docId: string, after: number, upTo: number): Promise<AppliedOp[]> {
    if (upTo <= after) return []
    // HGETALL of at most HISTORY_WINDOW fields (the twin has no HMGET; the hash is that small anyway).
    const all = await this.redis.hgetall(this.keys.recentOps(docId))
    const ops: AppliedOp[] = []
    for (const [field, value] of Object.entries(all)) {
      const revision = Number(field)
      if (revision > after && revision <= upTo) ops.push(JSON.parse(value) as AppliedOp)
    }
    return ops.sort((a, b) => a.revision - b.revision)
  }
}
