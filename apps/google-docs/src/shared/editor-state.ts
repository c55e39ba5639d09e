/**
 * One editor's side of the protocol (Jupiter / Google Wave style): at most one op in flight to
 * the server, later local edits queued behind it. The server's stream of applied ops (with their
 * revisions) is the only clock: an op in the stream carrying our in-flight op's id is its ack.
 *
 * A remote op was made against the server's text, which has not seen our in-flight and queued
 * ops, so it is transformed past them before it is applied here; they are transformed past it
 * in turn, so they still apply on top of the server's text when they are sent. The server
 * applied the remote op first, so the remote op gets the 'left' side of every tie.
 *
 * Used by the page (served to browsers with the types stripped), the tests, the bench and the
 * simulator: every client runs this code.
 */
import { apply, normalize, type TextOp, transform } from './text-op.js'

export interface Submission {
  opId: string
  /** The revision the op was made against (the last server revision this editor had applied). */
  baseRevision: number
  op: TextOp
}

export interface AppliedOp {
  revision: number
  opId: string
  authorId: string
  op: TextOp
}

export class EditorState {
  text: string
  revision: number
  private inFlight: Submission | undefined
  private queued: Array<{ opId: string; op: TextOp }> = []

  constructor(
    text: string,
    revision: number,
    private readonly newOpId: () => string,
  ) {
    this.text = text
    this.revision = revision
  }

  /** The op waiting for its ack, to send again after a reconnect (same id: never applied twice). */
  get pending(): Submission | undefined {
    return this.inFlight
  }

  get unacknowledged(): number {
    return (this.inFlight ? 1 : 0) + this.queued.length
  }

  /** A local edit: applied at once; returns a submission to send now, if none is in flight. */
  edit(op: TextOp): Submission | undefined {
    const clean = normalize(op)
    if (clean.length === 0) return undefined
    this.text = apply(this.text, clean)
    this.queued.push({ opId: this.newOpId(), op: clean })
    return this.sendNext()
  }

  /**
   * An op from the server's stream. Returns the op as applied to this editor's text (for cursor
   * updates; undefined for our own ack or an op already seen) and the next submission to send.
   * Throws if a revision is skipped: the caller asks the server for the ops in between first.
   */
  receive(applied: AppliedOp): { remote?: TextOp; next?: Submission } {
    if (applied.revision <= this.revision) return {}
    if (applied.revision !== this.revision + 1)
      throw new RevisionGapError(`expected revision ${this.revision + 1}, got ${applied.revision}`)
    this.revision = applied.revision
    if (this.inFlight && applied.opId === this.inFlight.opId) {
      this.inFlight = undefined
      return { next: this.sendNext() }
    }
    let remote = applied.op
    if (this.inFlight) {
      const mine = this.inFlight.op
      this.inFlight.op = transform(mine, remote, 'right')
      remote = transform(remote, mine, 'left')
    }
    for (const waiting of this.queued) {
      const mine = waiting.op
      waiting.op = transform(mine, remote, 'right')
      remote = transform(remote, mine, 'left')
    }
    this.text = apply(this.text, remote)
    return { remote }
  }

  private sendNext(): Submission | undefined {
    if (this.inFlight) return undefined
    const next = this.queued.shift()
    if (!next) return undefined
    this.inFlight = { opId: next.opId, baseRevision: this.revision, op: next.op }
    return this.inFlight
  }

  /** The in-flight op as it must be resent now: rebased on the revision this editor has reached. */
  resend(): Submission | undefined {
    if (!this.inFlight) return undefined
    this.inFlight.baseRevision = this.revision
    return this.inFlight
  }
}

export class RevisionGapError extends Error {}
