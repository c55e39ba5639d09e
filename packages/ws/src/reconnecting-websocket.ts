import { type ClientOptions, WebSocket } from 'ws'

export interface ReconnectingOptions {
  /** Subprotocols, e.g. ['chat.v1', `bearer.${token}`]; a function is called on every attempt (fresh token). */
  protocols?: string[] | (() => string[])
  /** Extra handshake headers, e.g. Authorization; a function is called on every attempt. */
  headers?: Record<string, string> | (() => Record<string, string>)
  /** First backoff ceiling. Default 250 ms. */
  minDelayMs?: number
  /** Backoff ceiling never exceeds this. Default 10 s. */
  maxDelayMs?: number
  /** Messages kept while disconnected; send() returns false beyond it. Default 1000. */
  maxQueued?: number
  /**
   * After every (re)connect, before queued messages are flushed: the place to send
   * `{ type: 'resume', afterSeq }` so the server replays what this client missed while away.
   */
  onOpen?: (socket: ReconnectingWebSocket) => void
  /** Each frame, JSON-parsed (or the raw text if it is not JSON). */
  onMessage?: (message: unknown) => void
  /** Each time a connection ends, with the close code (or the HTTP status of a refused handshake). */
  onClose?: (event: { code: number; reason: string; status?: number }) => void
  /** Default: reconnect unless the handshake was refused with 401 or 403 (retrying will not fix a bad token). */
  shouldReconnect?: (event: { code: number; status?: number }) => boolean
  /** Passed to the `ws` client, e.g. { maxPayload }. */
  clientOptions?: ClientOptions
}

/**
 * A WebSocket client for Node (tests, simulators, load generators) that survives server
 * restarts: exponential backoff with full jitter (delay = random(0, min(max, min·2^attempt))),
 * so 20,000 clients dropped by one gateway restart do not reconnect in the same millisecond.
 */
export class ReconnectingWebSocket {
  private socket: WebSocket | undefined
  private readonly queue: string[] = []
  private attempt = 0
  private timer: NodeJS.Timeout | undefined
  private stopped = false
  /** Number of successful opens so far; > 1 means at least one reconnect happened. */
  opens = 0

  constructor(
    private readonly url: string,
    private readonly options: ReconnectingOptions = {},
  ) {
    this.connect()
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN
  }

  /** Sends now if connected, else queues (bounded). False when the queue is full or after close(). */
  send(message: object): boolean {
    const frame = JSON.stringify(message)
    if (this.socket !== undefined && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(frame)
      return true
    }
    if (this.stopped || this.queue.length >= (this.options.maxQueued ?? 1000)) return false
    this.queue.push(frame)
    return true
  }

  /** Stops reconnecting and closes the current socket. Queued messages are dropped. */
  close(code = 1000, reason = ''): void {
    this.stopped = true
    clearTimeout(this.timer)
    this.queue.length = 0
    if (this.socket?.readyState === WebSocket.CONNECTING) this.socket.terminate()
    else this.socket?.close(code, reason)
  }

  private connect(): void {
    const { protocols, headers } = this.options
    const socket = new WebSocket(this.url, typeof protocols === 'function' ? protocols() : protocols, {
      ...this.options.clientOptions,
      headers: typeof headers === 'function' ? headers() : headers,
    })
    this.socket = socket
    let refusedStatus: number | undefined

    socket.on('open', () => {
      this.attempt = 0
      this.opens += 1
      this.options.onOpen?.(this)
      // onOpen may have closed us or the socket may have dropped again.
      while (this.queue.length > 0 && socket.readyState === WebSocket.OPEN) socket.send(this.queue.shift() as string)
    })
    socket.on('message', (data) => {
      const text = data.toString()
      let message: unknown = text
      try {
        message = JSON.parse(text)
      } catch {}
      this.options.onMessage?.(message)
    })
    socket.on('unexpected-response', (_request, response) => {
      refusedStatus = response.statusCode
      response.resume()
      socket.terminate()
    })
    socket.on('error', () => {}) // 'close' always follows and drives the reconnect
    socket.on('close', (code, reason) => {
      const event = { code, reason: reason.toString(), status: refusedStatus }
      this.options.onClose?.(event)
      const shouldReconnect = this.options.shouldReconnect ?? defaultShouldReconnect
      if (!this.stopped && shouldReconnect(event)) this.scheduleReconnect()
    })
  }

  private scheduleReconnect(): void {
    const min = this.options.minDelayMs ?? 250
    const max = this.options.maxDelayMs ?? 10_000
    const ceiling = Math.min(max, min * 2 ** this.attempt)
    this.attempt += 1
    this.timer = setTimeout(() => this.connect(), Math.random() * ceiling)
  }
}

function defaultShouldReconnect(event: { status?: number }): boolean {
  return event.status !== 401 && event.status !== 403
}
