import { AppError } from '@wired/runtime'
import type { AppliedOp, Submission } from '../../shared/editor-state'
import {
  apply,
  baseLength,
  charLength,
  describeInvalidOp,
  normalize,
  OpError,
  type TextOp,
  transform,
} from '../../shared/text-op'

export interface AuthorityLimits {
  /** Applied ops kept for transforming late submissions; an op based on an older revision is refused. */
  historyWindow: number
  /** Largest document, in characters. */
  maxDocumentChars: number
  /** Largest insert in one op, in characters. */
  maxInsertChars: number
}

export interface DocumentHead {
  revision: number
  text: string
  /** The last `historyWindow` applied ops, oldest first (revision head.revision - n + 1 … head.revision). */
  recent: AppliedOp[]
}

export type Outcome = { kind: 'applied'; applied: AppliedOp } | { kind: 'duplicate'; revision: number }

/**
 * The one authority of one document: it alone assigns revisions. A submission made against an
 * older revision is transformed past every op applied since (each of those gets the 'left' side
 * of a tie: it was applied first), then applied and given the next revision. Pure and
 * synchronous; the service around it makes each result durable (Kafka) before anyone hears of it.
 */
export class DocumentAuthority {
  private head: DocumentHead
  private readonly byOpId = new Map<string, number>()

  constructor(
    head: DocumentHead,
    private readonly limits: AuthorityLimits,
  ) {
    this.head = { ...head, recent: [...head.recent] }
    for (const op of head.recent) this.byOpId.set(op.opId, op.revision)
  }

  get revision(): number {
    return this.head.revision
  }

  get text(): string {
    return this.head.text
  }

  /** A copy of the state, to roll back to if the batch that changed it could not be made durable. */
  snapshot(): DocumentHead {
    return { revision: this.head.revision, text: this.head.text, recent: [...this.head.recent] }
  }

  restore(head: DocumentHead): void {
    this.head = { ...head, recent: [...head.recent] }
    this.byOpId.clear()
    for (const op of head.recent) this.byOpId.set(op.opId, op.revision)
  }

  /** Applied ops after `revision`, for an editor catching up; refused if they left the window. */
  since(revision: number): AppliedOp[] {
    checkBase(revision, this.head)
    return this.head.recent.filter((op) => op.revision > revision)
  }

  submit(authorId: string, submission: Submission): Outcome {
    const seen = this.byOpId.get(submission.opId)
    // A resend of an op already applied (a reconnect, a lost ack): answered, never applied twice.
    if (seen !== undefined) return { kind: 'duplicate', revision: seen }
    const problem = describeInvalidOp(submission.op)
    if (problem) throw new AppError('INVALID_ARGUMENT', problem)
    let op = normalize(submission.op)
    for (const c of op)
      if (typeof c === 'string' && charLength(c) > this.limits.maxInsertChars)
        throw new AppError('PAYLOAD_TOO_LARGE', `an insert may hold at most ${this.limits.maxInsertChars} characters`)
    for (const earlier of this.since(submission.baseRevision)) op = transform(op, earlier.op, 'right')
    const length = charLength(this.head.text)
    if (baseLength(op) > length)
      throw new AppError('INVALID_ARGUMENT', `the op reaches past the end of the document (${length} characters)`)
    let text: string
    try {
      text = apply(this.head.text, op)
    } catch (error) {
      if (error instanceof OpError) throw new AppError('INVALID_ARGUMENT', error.message)
      throw error
    }
    if (charLength(text) > this.limits.maxDocumentChars)
      throw new AppError('PAYLOAD_TOO_LARGE', `a document may hold at most ${this.limits.maxDocumentChars} characters`)
    const applied: AppliedOp = { revision: this.head.revision + 1, opId: submission.opId, authorId, op }
    this.head.text = text
    this.head.revision = applied.revision
    this.head.recent.push(applied)
    this.byOpId.set(applied.opId, applied.revision)
    while (this.head.recent.length > this.limits.historyWindow) {
      const dropped = this.head.recent.shift()!
      this.byOpId.delete(dropped.opId)
    }
    return { kind: 'applied', applied }
  }
}

function checkBase(revision: number, head: DocumentHead): void {
  if (!Number.isSafeInteger(revision) || revision < 0)
    throw new AppError('INVALID_ARGUMENT', 'baseRevision must be a non-negative integer')
  if (revision > head.revision)
    throw new AppError(
      'INVALID_ARGUMENT',
      `revision ${revision} is in the future (the document is at ${head.revision})`,
    )
  const oldest = head.revision - head.recent.length
  if (revision < oldest)
    throw new AppError(
      'FAILED_PRECONDITION',
      `revision ${revision} is too old to transform against (the server keeps revisions from ${oldest}); reload the document`,
      { oldestRevision: oldest },
    )
}

export type { TextOp }
