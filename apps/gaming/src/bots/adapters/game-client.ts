import type { Stick } from '../../shared/movement'
import { Prediction } from '../../shared/prediction'
import { decodeDatagram, encodeHello, encodeInput, type ServerEvent, type Snapshot } from '../../shared/protocol'
import type { GameLink } from './link'

export type Welcome = Extract<ServerEvent, { type: 'welcome' }>
type Waiter = { test: () => boolean; resolve: () => void }

/**
 * A Node game client over any GameLink: joins with a ticket, binds its datagram path (hello until
 * the first snapshot), predicts its own movement and reconciles with each snapshot, and checks
 * that reliable events arrive complete and in order (seq 1, 2, 3, …). The bots play with it; the
 * tests and the benchmark reuse it.
 */
export class GameClient {
  readonly events: ServerEvent[] = []
  /** Events whose seq was not the one expected (a gap or a repeat): must stay 0 on TCP and WS. */
  seqFaults = 0
  snapshots = 0
  lastSnapshot: Snapshot | undefined
  prediction: Prediction | undefined
  /** Distance between predicted and reconciled position at each snapshot (units). */
  readonly reconcileErrors: number[] = []
  /** Input sent → first snapshot acknowledging it, in ms. */
  readonly roundTrips: number[] = []
  closed = false
  private datagramSeq = 0
  private readonly sentAt = new Map<number, number>()
  private readonly waiters = new Set<Waiter>()
  private helloTimer: NodeJS.Timeout | undefined

  private constructor(
    readonly link: GameLink,
    readonly welcome: Welcome,
  ) {}

  /** Joins the match the ticket admits to; rejects with the server's error frame (code: message). */
  static async join(link: GameLink, ticket: string, options: { trace?: string } = {}): Promise<GameClient> {
    // Events that arrive in the same chunk as the welcome, before the client exists to take them.
    const early: Record<string, unknown>[] = []
    let client: GameClient | undefined
    link.onEvent((event) => (client ? client.receiveEvent(event) : early.push(event)))
    const welcome = await new Promise<Welcome>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no welcome within 5 s')), 5_000)
      link.onEvent((event) => {
        if (event.type === 'welcome') resolve(event as unknown as Welcome)
        if (event.type === 'error') reject(new Error(`${event.code}: ${event.message}`))
        if (event.type === 'welcome' || event.type === 'error') clearTimeout(timer)
      })
      link.onClose(() => reject(new Error('closed before welcome')))
      link.sendEvent({ type: 'join', ticket, ...(options.trace ? { trace: options.trace } : {}) })
    })
    const joined = new GameClient(link, welcome)
    client = joined
    for (const event of early) joined.receiveEvent(event)
    link.onDatagram((bytes) => joined.receiveDatagram(bytes))
    link.onClose(() => {
      joined.closed = true
      joined.stopHello()
      joined.notify()
    })
    joined.helloTimer = setInterval(() => joined.link.sendDatagram(encodeHello(joined.header())), 50)
    joined.link.sendDatagram(encodeHello(joined.header()))
    return joined
  }

  /** One tick of input: predicted at once, sent with every input not yet acknowledged. */
  sendInput(stick: Stick): void {
    if (!this.prediction || this.closed) return
    const input = this.prediction.applyInput(stick)
    this.sentAt.set(input.inputSeq, performance.now())
    this.link.sendDatagram(encodeInput(this.header(), this.prediction.unacknowledged(8)))
  }

  chat(text: string): void {
    this.link.sendEvent({ type: 'chat', text })
  }

  leave(): void {
    this.link.sendEvent({ type: 'leave' })
  }

  close(): void {
    this.stopHello()
    this.link.close()
  }

  /** The next datagram header (the client's own counter). */
  header() {
    this.datagramSeq += 1
    const { connectionId, sessionToken } = this.welcome
    return { connectionId, sessionToken, seq: this.datagramSeq }
  }

  /** Resolves once `test` holds (checked after every event and snapshot), or rejects after `timeoutMs`. */
  until(test: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
    if (test()) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { test, resolve }
      const timer = setTimeout(() => {
        this.waiters.delete(waiter)
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))
      }, timeoutMs)
      waiter.resolve = () => {
        clearTimeout(timer)
        resolve()
      }
      this.waiters.add(waiter)
    })
  }

  eventsOf<T extends ServerEvent['type']>(type: T): Array<Extract<ServerEvent, { type: T }>> {
    return this.events.filter((event): event is Extract<ServerEvent, { type: T }> => event.type === type)
  }

  private receiveEvent(raw: Record<string, unknown>): void {
    const event = raw as unknown as ServerEvent
    if (event.seq !== this.events.length + 1) this.seqFaults += 1
    this.events.push(event)
    this.notify()
  }

  private receiveDatagram(bytes: Buffer): void {
    const decoded = decodeDatagram(bytes)
    if (!decoded.ok || decoded.datagram.type !== 'snapshot') return
    if (decoded.datagram.connectionId !== this.welcome.connectionId) return
    const snapshot = decoded.datagram.snapshot
    this.snapshots += 1
    this.stopHello()
    if (this.lastSnapshot && snapshot.tick <= this.lastSnapshot.tick) return // reordered: older news
    this.lastSnapshot = snapshot
    if (!this.prediction) this.prediction = new Prediction(snapshot)
    else this.reconcileErrors.push(this.prediction.reconcile(snapshot.ackInputSeq, snapshot))
    const sent = this.sentAt.get(snapshot.ackInputSeq)
    if (sent !== undefined) {
      this.roundTrips.push(performance.now() - sent)
      for (const seq of this.sentAt.keys()) if (seq <= snapshot.ackInputSeq) this.sentAt.delete(seq)
    }
    this.notify()
  }

  private stopHello(): void {
    if (this.helloTimer) clearInterval(this.helloTimer)
    this.helloTimer = undefined
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.test()) {
        this.waiters.delete(waiter)
        waiter.resolve()
      }
    }
  }
}
