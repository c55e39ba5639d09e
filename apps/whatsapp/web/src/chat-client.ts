import {
  CHAT_PROTOCOL,
  CLOSE_SESSION_EXPIRED,
  type ClientFrame,
  type MessageView,
  type ServerFrame,
} from '../../src/shared/frames'
import { ApiError } from './api-client'
import type { ChatClientOptions, ChatEvents, WebSocketLike } from './chat-types'
import { DeliveryReports } from './delivery-reports'
import { Emitter } from './emitter'
import { Outbox } from './outbox'
import { SendPacer } from './send-pacer'
import { SequenceTracker } from './sequence-tracker'

export type { ChatClientOptions, ChatEvents, WebSocketLike } from './chat-types'

const OPEN = 1
/** The gateway's frame rate until its ready frame announces the real one. */
const ASSUMED_FRAMES_PER_SECOND = 10

/**
 * The chat protocol's client side, used by the browser page, the tests and the load generator:
 * a WebSocket that reconnects with jittered backoff; sends that survive reconnects (Outbox),
 * paced below the gateway's rate limit (SendPacer);
 * messages shown exactly once and in order (SequenceTracker); and after every (re)connect a
 * REST call for whatever was missed while away, so Redis pub/sub being at-most-once costs nothing.
 */
export class ChatClient extends Emitter<ChatEvents> {
  readonly stats = { duplicatesDropped: 0, gapsNoticed: 0, reconnects: 0 }
  private readonly tracker: SequenceTracker
  private readonly outbox: Outbox
  private readonly deliveryReports = new DeliveryReports()
  private readonly pacer = new SendPacer(ASSUMED_FRAMES_PER_SECOND, Date.now())
  /** Receipts waiting for the pacer, in order; sends wait in the outbox instead. */
  private readonly queued: ClientFrame[] = []
  private socket: WebSocketLike | undefined
  /** The current socket's ready frame has arrived: the gateway is listening for this user. */
  private ready = false
  /** Learned from the ready frame; a device reports delivery of other people's messages only. */
  private userId: string | undefined
  private stopped = false
  private attempt = 0
  private syncing: Promise<void> | undefined
  private syncAgain = false
  private deliveredScheduled = false
  private gapCheckScheduled = false
  private readonly timers: ReturnType<typeof setTimeout>[] = []
  private readonly outboxTimer: ReturnType<typeof setInterval>

  constructor(private readonly options: ChatClientOptions) {
    super()
    this.tracker = new SequenceTracker(options.seen)
    this.outbox = new Outbox(options.ackTimeoutMs ?? 3_000)
    this.outboxTimer = setInterval(() => this.pump(), 250)
    this.open()
  }

  /** Resolves with the stored message (seq assigned) once the server acknowledged it: the first tick. */
  send(
    conversationId: string,
    content: { text?: string; media?: { url: string; contentType: string } },
    clientMessageId = newId(),
    /** A traceparent from the wire panel: the send and its delivery show up there, hop by hop. */
    trace?: string,
  ): Promise<MessageView> {
    const frame = { type: 'send' as const, conversationId, clientMessageId, ...content }
    const acked = this.outbox.add(trace ? { ...frame, trace } : frame)
    this.pump()
    return acked
  }

  markRead(conversationId: string, seq = this.tracker.lastSeq(conversationId)): void {
    if (seq > 0) this.transmit({ type: 'read', conversationId, seq })
  }

  typing(conversationId: string): void {
    this.transmit({ type: 'typing', conversationId })
  }

  lastSeq(conversationId: string): number {
    return this.tracker.lastSeq(conversationId)
  }

  get connected(): boolean {
    return this.socket?.readyState === OPEN
  }

  close(): void {
    this.stopped = true
    clearInterval(this.outboxTimer)
    for (const timer of this.timers) clearTimeout(timer)
    this.socket?.close(1000, 'client closed')
  }

  private open(): void {
    this.emit('state', 'connecting')
    const socket = this.options.createSocket(this.options.gatewayUrl, [
      CHAT_PROTOCOL,
      `bearer.${this.options.api.token}`,
    ])
    this.socket = socket
    let reachedReady = false
    socket.onmessage = (event) => {
      const frame = JSON.parse(String(event.data)) as ServerFrame
      if (frame.type === 'ready') reachedReady = true
      this.receive(frame)
    }
    socket.onerror = () => {} // onclose follows and decides
    socket.onclose = (event) => {
      this.ready = false
      this.queued.length = 0
      this.emit('state', 'closed')
      if (this.stopped) return
      // Refused before ready, or closed because its session expired (4001): is the token still
      // good? If not, say so and stop; if the page renewed it meanwhile, reconnect with the new one.
      if (!reachedReady || event.code === CLOSE_SESSION_EXPIRED) void this.checkToken()
      this.reconnectLater(event.code)
    }
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'ready':
        this.userId = frame.userId
        this.attempt = 0
        this.emit('state', 'open')
        this.emit('ready', frame)
        for (const presence of frame.presence) this.emit('presence', presence)
        this.ready = true
        this.pacer.reset(frame.limits.framesPerSecond, Date.now())
        this.outbox.unsendAll()
        this.pump()
        this.sync()
        return
      case 'ack':
        this.outbox.acked(frame.clientMessageId, frame.message)
        return
      case 'message':
        this.accept(frame.message)
        return
      case 'receipt':
        this.emit('receipt', frame.receipt)
        return
      case 'typing':
        this.emit('typing', { conversationId: frame.conversationId, userId: frame.userId })
        return
      case 'presence':
        this.emit('presence', frame.presence)
        return
      case 'error':
        if (frame.ref !== undefined) this.outbox.refused(frame.ref, frame.code, frame.message)
        this.emit('error', frame)
    }
  }

  private accept(message: MessageView): void {
    const offer = this.tracker.offer(message)
    if (offer.duplicate) this.stats.duplicatesDropped += 1
    if (offer.gap) {
      this.stats.gapsNoticed += 1
      // Usually the missing message is a moment behind (a reordering); ask the server only if it stays missing.
      if (!this.gapCheckScheduled) {
        this.gapCheckScheduled = true
        this.later(150, () => {
          this.gapCheckScheduled = false
          if (this.tracker.gaps().length > 0) this.sync()
        })
      }
    }
    for (const shown of offer.ready) {
      this.emit('message', shown)
      if (shown.senderId !== this.userId) this.deliveryReports.note(shown.conversationId)
    }
    if (this.deliveryReports.pending && this.options.autoDelivered !== false && !this.deliveredScheduled) {
      this.deliveredScheduled = true
      // Up to 100 ms of messages share one receipt: at 50 messages a second in a chat that is
      // one "delivered" instead of five, and the second tick is still instant to a person.
      this.later(100, () => this.sendDelivered())
    }
  }

  private sendDelivered(): void {
    this.deliveredScheduled = false
    for (const { conversationId, seq } of this.deliveryReports.take((id) => this.tracker.lastSeq(id)))
      if (this.transmit({ type: 'delivered', conversationId, seq })) this.deliveryReports.sentUpTo(conversationId, seq)
  }

  /** Fetches, over REST, everything after this device's positions; runs one at a time. */
  private sync(): void {
    if (this.syncing) {
      this.syncAgain = true
      return
    }
    this.syncing = (async () => {
      do {
        this.syncAgain = false
        const page = await this.options.api.missed(this.tracker.positions())
        for (const message of page.messages) this.accept(message)
        for (const receipt of page.receipts) this.emit('receipt', receipt)
        if (page.hasMore) this.syncAgain = true
      } while (this.syncAgain && !this.stopped)
    })()
      .catch(() => this.later(1_000, () => this.sync()))
      .finally(() => {
        this.syncing = undefined
      })
  }

  /** Sends what the pacer allows now: queued receipts first, then the outbox's due sends. */
  private pump(): void {
    if (!this.ready) return
    const now = Date.now()
    while (this.queued.length > 0 && this.pacer.take(now)) this.write(this.queued.shift()!)
    if (this.queued.length > 0) return
    for (const frame of this.outbox.due(now, this.pacer.available(now))) {
      this.pacer.take(now)
      this.write(frame)
    }
  }

  /**
   * Sends a receipt or a typing notice now if the rate allows. Otherwise a receipt queues behind
   * the earlier ones, and a typing notice is dropped: the next keystroke repeats it.
   */
  private transmit(frame: ClientFrame): boolean {
    if (!this.ready) return false
    if (this.queued.length === 0 && this.pacer.take(Date.now())) {
      this.write(frame)
      return true
    }
    if (frame.type === 'typing') return false
    this.queued.push(frame)
    return true
  }

  private write(frame: ClientFrame): void {
    if (this.connected) this.socket!.send(JSON.stringify(frame))
  }

  /** Full-jitter exponential backoff, so clients dropped together do not return together. */
  private reconnectLater(code: number): void {
    const ceiling = Math.min(5_000, 200 * 2 ** this.attempt) * (code === 1008 ? 4 : 1)
    this.attempt += 1
    this.stats.reconnects += 1
    this.later(Math.random() * ceiling, () => this.open())
  }

  /** A refused upgrade looks like any failed connect to a browser; ask the REST API whether the token is bad. */
  private async checkToken(): Promise<void> {
    try {
      await this.options.api.me()
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.emit('error', { type: 'error', code: 'UNAUTHENTICATED', message: 'the session token was refused' })
        this.close()
      }
    }
  }

  private later(ms: number, action: () => unknown): void {
    const timer = setTimeout(() => {
      this.timers.splice(this.timers.indexOf(timer), 1)
      if (!this.stopped) action()
    }, ms)
    this.timers.push(timer)
  }
}

function newId(): string {
  return crypto.randomUUID()
}
