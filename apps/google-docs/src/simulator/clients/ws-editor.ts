import { randomBytes } from 'node:crypto'
import WebSocket from 'ws'
import type { AppliedOp } from '../../shared/editor-state'
import { EditorState, RevisionGapError } from '../../shared/editor-state'
import type { ServerFrame } from '../../shared/frames'
import type { TextOp } from '../../shared/text-op'

export const newOpId = () => randomBytes(9).toString('base64url')

/**
 * An editor over WebSocket, as a program (bots, tests, bench) rather than a page. It reconnects
 * on its own, to the next replica in `urls` if the one it was on went away, catches up by
 * revision and resends its in-flight op under the same id.
 */
export class WsEditor {
  state: EditorState | undefined
  replica = ''
  sessionId = ''
  readonly errors: Array<{ code: string; message: string }> = []
  /** Called for every op of someone else, once applied here (the bench times these). */
  onRemote: (applied: AppliedOp) => void = () => {}
  private socket: WebSocket | undefined
  private closed = false
  private urlIndex = 0
  private readyWaiters: Array<() => void> = []
  private changeWaiters: Array<() => void> = []

  constructor(
    private readonly urls: string[],
    private readonly token: string,
    readonly docId: string,
  ) {}

  static async open(urls: string[], token: string, docId: string): Promise<WsEditor> {
    const editor = new WsEditor(urls, token, docId)
    await editor.connect()
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
    if (next) this.send({ type: 'op', ...next })
    this.changed()
  }

  cursor(position: number): void {
    this.send({ type: 'cursor', cursor: position, revision: this.revision })
  }

  /** Resolves when every local op is acknowledged and `predicate` holds. */
  async settled(predicate: () => boolean = () => true, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!(this.state && this.state.unacknowledged === 0 && predicate())) {
      if (Date.now() > deadline)
        throw new Error(
          `editor not settled: rev ${this.revision}, ${this.state?.unacknowledged} unacked, text ${JSON.stringify(this.text.slice(0, 80))}`,
        )
      await new Promise<void>((resolve) => {
        this.changeWaiters.push(resolve)
        setTimeout(resolve, 50)
      })
    }
  }

  close(): void {
    this.closed = true
    this.socket?.close()
  }

  /** Drops the socket without a closing handshake (a network failure); it reconnects. */
  drop(): void {
    this.socket?.terminate()
  }

  private connect(): Promise<void> {
    const base = this.urls[this.urlIndex % this.urls.length]!.replace(/^http/, 'ws')
    const socket = new WebSocket(`${base}/ws?doc=${encodeURIComponent(this.docId)}`, {
      headers: { authorization: `Bearer ${this.token}` },
    })
    this.socket = socket
    const ready = new Promise<void>((resolve, reject) => {
      this.readyWaiters.push(resolve)
      socket.once('error', reject)
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
      // Closed before ready: refused (no such document, no access) or the replica went away.
      socket.once('close', (code, reason) => reject(new Error(`closed before ready: ${code} ${reason.toString()}`)))
    })
    ready.catch(() => {})
    socket.on('message', (data) => this.handle(JSON.parse(data.toString()) as ServerFrame))
    socket.on('error', () => {})
    socket.on('close', (code, reason) => {
      if (this.closed) return
      if (code >= 4000) return void this.errors.push({ code: String(code), message: reason.toString() })
      // The replica went away: try the next one (a load balancer would pick for us).
      this.urlIndex += 1
      setTimeout(() => void this.connect().catch(() => {}), 150)
    })
    return ready
  }

  private handle(frame: ServerFrame): void {
    if (!this.state && frame.type !== 'ready') return
    switch (frame.type) {
      case 'ready':
        this.replica = frame.replica
        this.sessionId = frame.sessionId
        if (!this.state) this.state = new EditorState(frame.text, frame.revision, newOpId)
        // A reconnect: catch up from where we were, then resend what was in flight.
        else this.send({ type: 'sync', after: this.state.revision })
        for (const resolve of this.readyWaiters.splice(0)) resolve()
        break
      case 'op':
        this.receive([frame])
        break
      case 'ops': {
        this.receive(frame.ops)
        const pending = this.state?.resend()
        if (pending) this.send({ type: 'op', ...pending })
        break
      }
      case 'error':
        if (frame.code === 'ALREADY_EXISTS' || frame.code === 'UNAVAILABLE')
          this.send({ type: 'sync', after: this.revision })
        else this.errors.push(frame)
        break
      default:
        break
    }
    this.changed()
  }

  private receive(ops: AppliedOp[]): void {
    for (const applied of ops) {
      try {
        const { remote, next } = this.state!.receive(applied)
        if (remote) this.onRemote(applied)
        if (next) this.send({ type: 'op', ...next })
      } catch (error) {
        if (!(error instanceof RevisionGapError)) throw error
        // A broadcast got lost (pub/sub is at-most-once): ask for what is missing.
        this.send({ type: 'sync', after: this.revision })
        return
      }
    }
  }

  private send(frame: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame))
  }

  private changed(): void {
    for (const resolve of this.changeWaiters.splice(0)) resolve()
  }
}
