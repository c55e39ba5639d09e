import type { Duplex } from 'node:stream'
import { type ErrorCode, isAppError, type Logger } from '@wired/runtime'
import { type RawData, WebSocket } from 'ws'
import { type BinaryCodec, decodeWith } from './binary-codec'
import { CLOSE_CODES } from './close-codes'
import type { TokenBucket } from './token-bucket'
import { binaryFrameHop, frameHop, type Hops, tracedFrame } from './tracing'

/** A client frame after JSON parsing: always an object, usually `{ type, ... }`. */
export type ClientMessage = Record<string, unknown>
export type { BinaryCodec, ErrorFrameFields } from './binary-codec'
export type MessageHandler<P> = (message: ClientMessage, connection: GatewayConnection<P>) => void | Promise<void>

/** What the app sees of one client socket. Frames are JSON text, or binary where a subprotocol has a BinaryCodec. */
export interface GatewayConnection<P> {
  readonly id: string
  readonly principal: P
  /** Serializes and sends. Returns false if the socket is not open or the send overflowed it. */
  send(message: object): boolean
  /** Sends an already-encoded JSON frame: encode once, send to every member of a group. */
  sendEncoded(frame: string | Buffer): boolean
  /**
   * Sends a binary frame (a protobuf message, say). Inside a recorded trace it is a hop named
   * `type`, but the frame itself cannot carry the traceparent the way a JSON frame's `trace`
   * field does: binary encodings have no place the transport may write into.
   */
  sendBinary(frame: Uint8Array, type?: string): boolean
  /** The subprotocol the server chose in the handshake (e.g. 'prices.protobuf.v1'); '' if none was offered. */
  readonly protocol: string
  /** Bytes queued on this socket that the peer has not taken yet: how far behind a slow reader is. */
  readonly bufferedAmount: number
  close(code?: number, reason?: string): void
  /**
   * The one message handler. Messages reach it in arrival order and one at a time: if it
   * returns a promise, the next message waits for it (a chat's per-sender order survives an
   * async database insert). While 32 messages wait, the socket is paused, so a client that
   * outpaces the handler is slowed by TCP flow control instead of growing a queue.
   * Messages that arrive before a handler is set wait for it.
   */
  onMessage(handler: MessageHandler<P>): void
  /** Called once, with the code this side sent if it initiated the close, else the peer's. */
  onClose(handler: (code: number, reason: string) => void): void
}

export interface ConnectionLimits {
  maxBufferedBytes: number
  bucket: TokenBucket | undefined
  /** The gateway's hops for the wire view (one per frame in and out, when recorded). */
  hops: Hops
  /** The codec for this connection's subprotocol, if it speaks binary frames. */
  codec?: BinaryCodec
}

const MAX_WAITING_MESSAGES = 32
const TEXT_FRAME = { binary: false }
const BINARY_FRAME = { binary: true }
const BINARY = 'binary frames are not supported; send JSON text'
/** Codes whose message or details may describe server internals: details are never sent. */
const SERVER_FAULTS: ReadonlySet<ErrorCode> = new Set(['INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED'])

export class Connection<P> implements GatewayConnection<P> {
  /** Cleared by each heartbeat sweep, set again by the peer's pong. */
  alive = true
  private handler: MessageHandler<P> | undefined
  private waiting: Array<{ message: ClientMessage; bytes: number }> = []
  private handling = false
  private closeHandlers: Array<(code: number, reason: string) => void> = []
  private sentCloseCode: number | undefined
  private corked = false

  constructor(
    readonly id: string,
    readonly principal: P,
    private readonly socket: WebSocket,
    /** The TCP socket under `socket`, corked while a tick's frames are queued. */
    private readonly transport: Pick<Duplex, 'cork' | 'uncork'>,
    private readonly limits: ConnectionLimits,
    private readonly logger: Logger,
    onClosed: (connection: Connection<P>, code: number) => void,
  ) {
    socket.on('message', (data, isBinary) => this.receive(data, isBinary))
    socket.on('pong', () => {
      this.alive = true
    })
    // The ws library reports protocol errors (oversize frame, invalid UTF-8) here and then
    // closes with the matching code (1009, 1007) itself; without a listener they would crash.
    socket.on('error', (error) => logger.debug({ err: error, connection: id }, 'websocket error'))
    socket.once('close', (code, reason) => {
      this.waiting = []
      const reported = this.sentCloseCode ?? code
      onClosed(this, reported)
      for (const handler of this.closeHandlers) handler(reported, reason.toString())
    })
  }

  send(message: object): boolean {
    return this.sendEncoded(JSON.stringify(message))
  }

  get protocol(): string {
    return this.socket.protocol
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount
  }

  sendEncoded(frame: string | Buffer): boolean {
    if (this.socket.readyState !== WebSocket.OPEN) return false
    this.corkUntilTickEnds()
    // Inside a recorded trace the frame is a hop of it, and carries its `trace` to the page.
    this.socket.send(this.limits.hops.on ? tracedFrame(this.limits.hops, frame, this.id) : frame, TEXT_FRAME)
    return this.checkBuffered()
  }

  sendBinary(frame: Uint8Array, type = 'binary'): boolean {
    if (this.socket.readyState !== WebSocket.OPEN) return false
    this.corkUntilTickEnds()
    if (this.limits.hops.on) binaryFrameHop(this.limits.hops, frame, type, this.id)
    this.socket.send(frame, BINARY_FRAME)
    return this.checkBuffered()
  }

  private checkBuffered(): boolean {
    // bufferedAmount is what the peer has not yet taken off our socket. Past the bound the peer
    // is a slow consumer: buffering more would let one phone on a bad network hold megabytes.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE_CODES.TRY_AGAIN_LATER, 'slow consumer: too much unread data')
      return false
    }
    return true
  }

  /**
   * Every frame sent to this socket during the current tick leaves in one write. A burst (a
   * Redis read carrying ten notices for one user, an ack and a receipt) then costs one syscall
   * instead of one per frame, and on a busy gateway syscalls are most of the send cost.
   */
  private corkUntilTickEnds(): void {
    if (this.corked) return
    this.corked = true
    this.transport.cork()
    process.nextTick(() => {
      this.corked = false
      this.transport.uncork()
    })
  }

  close(code: number = CLOSE_CODES.NORMAL, reason = ''): void {
    if (this.socket.readyState !== WebSocket.OPEN) return
    this.sentCloseCode = code
    this.socket.close(code, reason)
  }

  /** Drops the TCP connection without a closing handshake (a peer that stopped answering). */
  terminate(): void {
    this.socket.terminate()
  }

  ping(): void {
    this.socket.ping()
  }

  onMessage(handler: MessageHandler<P>): void {
    this.handler = handler
    this.drain()
  }

  onClose(handler: (code: number, reason: string) => void): void {
    this.closeHandlers.push(handler)
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.socket.readyState !== WebSocket.OPEN) return
    if (this.limits.bucket !== undefined && !this.limits.bucket.take(Date.now())) {
      this.close(CLOSE_CODES.POLICY_VIOLATION, 'rate limit exceeded')
      return
    }
    // Bad input gets an error frame and changes nothing; the connection stays usable, which is
    // what a chat client wants (a close would drop every other conversation on the socket).
    const codec = this.limits.codec
    const message = isBinary ? (codec ? decodeWith(codec, data as Buffer) : BINARY) : parseObject(data as Buffer)
    if (typeof message === 'string') {
      this.sendError('INVALID_ARGUMENT', message)
      return
    }
    // The common case (sync handler, nothing waiting) calls the handler directly: no queueing.
    const bytes = (data as Buffer).length
    if (this.handling || this.handler === undefined || this.waiting.length > 0) {
      this.waiting.push({ message, bytes })
      this.drain()
    } else this.run(message, bytes)
  }

  private drain(): void {
    while (!this.handling && this.handler !== undefined && this.waiting.length > 0) {
      const next = this.waiting.shift() as { message: ClientMessage; bytes: number }
      this.run(next.message, next.bytes)
    }
    if (this.waiting.length >= MAX_WAITING_MESSAGES) this.socket.pause()
    else if (this.socket.isPaused) this.socket.resume()
  }

  private run(message: ClientMessage, bytes: number): void {
    let result: void | Promise<void>
    const handler = this.handler as MessageHandler<P>
    try {
      // The frame is a hop (continuing the page's trace from its `trace` field); the handler's
      // own hops (a gRPC call, a Redis command) become its children.
      result = this.limits.hops.on
        ? this.limits.hops.around(frameHop(message, bytes), () => handler(message, this))
        : handler(message, this)
    } catch (error) {
      this.fail(error, message)
      return
    }
    if (result instanceof Promise) {
      this.handling = true
      result.then(
        () => this.settled(),
        (error: unknown) => {
          this.fail(error, message)
          this.settled()
        },
      )
    }
  }

  private settled(): void {
    this.handling = false
    this.drain()
  }

  /** A handler's AppError becomes an error frame with its code; anything else is INTERNAL. */
  private fail(error: unknown, message: ClientMessage): void {
    const ref = typeof message.id === 'string' || typeof message.id === 'number' ? message.id : undefined
    if (!isAppError(error) || error.code === 'INTERNAL') {
      this.logger.error({ err: error, connection: this.id }, 'message handler failed')
      this.sendError('INTERNAL', 'internal error', ref)
    } else {
      this.sendError(error.code, error.message, ref, SERVER_FAULTS.has(error.code) ? undefined : error.details)
    }
  }

  private sendError(code: ErrorCode, message: string, ref?: string | number, details?: object): void {
    const codec = this.limits.codec
    if (codec) this.sendBinary(codec.encodeError({ code, message, ref, details }), 'error')
    else this.send({ type: 'error', code, message, ref, details })
  }
}

/** The parsed object, or the reason (for the error frame) why the frame is not one. */
function parseObject(data: Buffer): ClientMessage | string {
  let message: unknown
  try {
    message = JSON.parse(data.toString())
  } catch {
    return 'message is not valid JSON'
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'message must be a JSON object'
  return message as ClientMessage
}
