import { AppError, type Logger, toAppError } from '@wired/runtime'
import type { Submission } from '../../shared/editor-state'
import type { DocumentEvent } from '../../shared/frames'
import type { DocumentLease } from '../adapters/document-lease'
import type { HeadStore } from '../adapters/head-store'
import type { OpLog } from '../adapters/op-log'
import { type AuthorityLimits, DocumentAuthority, type DocumentHead, type Outcome } from '../domain/document-authority'

export interface LeadDeps {
  lease: DocumentLease
  heads: HeadStore
  opLog: OpLog
  /** PUBLISH on the document's channel: every replica with a reader of it relays the event. */
  broadcast(docId: string, event: DocumentEvent): Promise<void>
  limits: AuthorityLimits
  logger: Logger
}

interface Waiting {
  authorId: string
  submission: Submission
  resolve(outcome: Outcome): void
  reject(error: unknown): void
}

/**
 * A document this replica leads. Submissions queue up; each drain applies all that are waiting
 * (transform + revision in memory), then makes them durable in this order, and only then answers:
 *   1. Kafka googledocs.ops, acks -1        ← the durable copy
 *   2. is the lease still ours (fence unchanged)? (asked while 1 is in flight)
 *   3. Redis head + recent ops (one MULTI)  ← what the next authority starts from
 *   4. PUBLISH doc:<id> per op               ← the broadcast, which is also every editor's ack
 * If 1-3 fail, nothing was acknowledged: the in-memory state is rolled back and this replica
 * resigns, so the next authority (maybe this one again, with a new fence) reloads from Redis.
 */
export class LedDocument {
  private readonly waiting: Waiting[] = []
  private draining = false
  resigned = false

  private constructor(
    readonly docId: string,
    readonly fence: number,
    private readonly authority: DocumentAuthority,
    private readonly deps: LeadDeps,
    private readonly onResign: (led: LedDocument) => void,
  ) {}

  static async take(docId: string, fence: number, deps: LeadDeps, onResign: (led: LedDocument) => void) {
    const head: DocumentHead = await deps.heads.load(docId)
    return new LedDocument(docId, fence, new DocumentAuthority(head, deps.limits), deps, onResign)
  }

  submit(authorId: string, submission: Submission): Promise<Outcome> {
    if (this.resigned) return Promise.reject(notLeading())
    return new Promise((resolve, reject) => {
      this.waiting.push({ authorId, submission, resolve, reject })
      if (!this.draining) void this.drain()
    })
  }

  private async drain(): Promise<void> {
    this.draining = true
    while (this.waiting.length > 0 && !this.resigned) {
      const batch = this.waiting.splice(0)
      const before = this.authority.snapshot()
      const outcomes = batch.map((item) => {
        try {
          return this.authority.submit(item.authorId, item.submission)
        } catch (error) {
          return toAppError(error)
        }
      })
      const applied = outcomes.flatMap((o) => (!(o instanceof AppError) && o.kind === 'applied' ? [o.applied] : []))
      if (applied.length > 0) {
        try {
          // The lease check runs beside the Kafka write, not before it: a record written by a
          // deposed leader carries its older fence and the history drops it, and nothing is acked
          // unless both succeed. One Redis round trip fewer on every batch.
          const [holds] = await Promise.all([
            this.deps.lease.holds(this.docId, this.fence),
            this.deps.opLog.append(this.docId, applied, this.fence),
          ])
          if (!holds) throw notLeading()
          await this.deps.heads.save(this.docId, this.authority, applied, this.fence)
        } catch (error) {
          this.deps.logger.warn({ err: error, docId: this.docId }, 'commit failed; resigning the document')
          this.authority.restore(before)
          for (const item of batch) item.reject(notLeading())
          this.resign()
          break
        }
        // Queued on one connection, so the channel carries the ops in revision order.
        await Promise.all(applied.map((op) => this.deps.broadcast(this.docId, { type: 'op', ...op }))).catch(
          (error: unknown) => this.deps.logger.warn({ err: error }, 'broadcast failed; editors resync by revision'),
        )
      }
      batch.forEach((item, i) => {
        const outcome = outcomes[i]!
        if (outcome instanceof AppError) item.reject(outcome)
        else item.resolve(outcome)
      })
    }
    this.draining = false
  }

  resign(): void {
    if (this.resigned) return
    this.resigned = true
    for (const item of this.waiting.splice(0)) item.reject(notLeading())
    this.onResign(this)
  }
}

/** UNAVAILABLE: the caller looks for the authority again and resends the same op id. */
export const notLeading = () => new AppError('UNAVAILABLE', 'this replica no longer leads the document; resend the op')
