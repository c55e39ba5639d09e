import { type AppliedOp, EditorState, RevisionGapError, type Submission } from '../../shared/editor-state'
import type { PresenceView, ServerFrame } from '../../shared/frames'
import type { TextOp } from '../../shared/text-op'
import { call, RestError } from './rest'
import { newOpId } from './ws-editor'

/**
 * An editor that cannot hold a socket: ops go up as POSTs, the stream comes down by long polls.
 * A poll that the server holds past POLL_TIMEOUT_MS comes back empty (`timedOut`); one that never
 * comes back at all (a proxy ate it) is abandoned after the timeout plus a margin and re-sent.
 */
export class LongPollEditor {
  state: EditorState | undefined
  sessionId = ''
  presence: PresenceView[] = []
  polls = 0
  timedOutPolls = 0
  readonly errors: Array<{ code: string; message: string }> = []
  onRemote: (applied: AppliedOp) => void = () => {}
  private stopped = false
  private sending = false
  private parked: Submission | undefined
  private abort = new AbortController()

  constructor(
    private readonly url: string,
    private readonly token: string,
    readonly docId: string,
    private readonly pollTimeoutMs: number,
  ) {}

  static async open(url: string, token: string, docId: string, pollTimeoutMs: number): Promise<LongPollEditor> {
    const editor = new LongPollEditor(url, token, docId, pollTimeoutMs)
    const ready = await call<Extract<ServerFrame, { type: 'ready' }>>(
      'POST',
      `${url}/v1/documents/${docId}/sessions`,
      token,
    )
    editor.state = new EditorState(ready.text, ready.revision, newOpId)
    editor.sessionId = ready.sessionId
    void editor.pollLoop()
    return editor
  }

  get text(): string {
    return this.state?.text ?? ''
  }

  get revision(): number {
    return this.state?.revision ?? 0
  }

  edit(op: TextOp): void {
    const next = this.state!.edit(op)
    if (next) this.submit(next)
  }

  async settled(predicate: () => boolean = () => true, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!(this.state && this.state.unacknowledged === 0 && predicate())) {
      if (Date.now() > deadline) throw new Error(`long-poll editor not settled at revision ${this.revision}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  close(): void {
    this.stopped = true
    this.abort.abort()
    void call('DELETE', `${this.url}/v1/documents/${this.docId}/sessions/${this.sessionId}`, this.token).catch(() => {})
  }

  /**
   * The ack of an op comes by the poll, and may arrive before the POST's own answer: the next op
   * is then parked here and sent as soon as that POST is done, never dropped.
   */
  private submit(submission: Submission): void {
    // A copy: the editor state goes on transforming its in-flight op as remote ops arrive, and
    // the op sent must stay the one made against `baseRevision`.
    this.parked = { ...submission, op: [...submission.op] }
    if (!this.sending) void this.pump()
  }

  private async pump(): Promise<void> {
    this.sending = true
    try {
      while (this.parked && !this.stopped) {
        const submission = this.parked
        this.parked = undefined
        await this.post(submission)
      }
    } finally {
      this.sending = false
    }
  }

  private async post(submission: Submission): Promise<void> {
    for (;;) {
      try {
        await call('POST', `${this.url}/v1/documents/${this.docId}/ops`, this.token, submission)
        return
      } catch (error) {
        // Applied before (a retry after a lost answer): the poll stream carries it.
        if (error instanceof RestError && error.code === 'ALREADY_EXISTS') return
        if (error instanceof RestError && error.status < 500) return void this.errors.push(error)
        if (this.stopped) return
        await new Promise((resolve) => setTimeout(resolve, 200))
        // Still unacknowledged? Send it again rebased on what we have seen since (same op id).
        const again = this.state!.resend()
        if (!again || again.opId !== submission.opId) return
        submission = again
      }
    }
  }

  private async pollLoop(): Promise<void> {
    while (!this.stopped) {
      try {
        const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.pollTimeoutMs + 5_000)])
        const response = await fetch(`${this.url}/v1/documents/${this.docId}/ops?after=${this.revision}`, {
          headers: { authorization: `Bearer ${this.token}` },
          signal,
        })
        const body = (await response.json()) as {
          data: { ops: AppliedOp[]; presence: PresenceView[]; timedOut: boolean }
        }
        this.polls += 1
        if (!response.ok) {
          await new Promise((resolve) => setTimeout(resolve, 300))
          continue
        }
        if (body.data.timedOut) this.timedOutPolls += 1
        this.presence = body.data.presence
        for (const applied of body.data.ops) {
          const { remote, next } = this.state!.receive(applied)
          if (remote) this.onRemote(applied)
          if (next) this.submit(next)
        }
      } catch (error) {
        if (this.stopped) return
        if (error instanceof RevisionGapError) continue
        // Network error or our own timeout: poll again from the revision we have.
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }
  }
}
