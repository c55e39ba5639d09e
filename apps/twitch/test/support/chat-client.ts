import WebSocket from 'ws'

export type ChatFrame = Record<string, unknown> & { type: string }

/** How a test connects: a token (or 'anonymous'), by header like a Node client or by subprotocol like a page. */
export interface ChatConnectOptions {
  channel: string | null
  token?: string
  via?: 'header' | 'subprotocol'
  /** Wait for the welcome frame before resolving (default true). */
  welcome?: boolean
}

/**
 * A real `ws` client of the chat servers, recording every frame it receives, so a test can wait
 * for the frame it expects (bounded by a timeout) or check that one never came.
 */
export class ChatClient {
  readonly frames: ChatFrame[] = []
  readonly closed: Promise<{ code: number; reason: string }>
  private waiters: Array<() => void> = []

  private constructor(readonly socket: WebSocket) {
    // Errors end in 'close' (recorded below); connect() reports the ones before 'open'.
    socket.on('error', () => {})
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as ChatFrame)
      for (const wake of this.waiters.splice(0)) wake()
    })
    this.closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() })
        for (const wake of this.waiters.splice(0)) wake()
      })
    })
  }

  static async connect(url: string, options: ChatConnectOptions): Promise<ChatClient> {
    const address = options.channel === null ? url : `${url}?channel=${encodeURIComponent(options.channel)}`
    const token = options.token ?? 'anonymous'
    const socket =
      options.via === 'subprotocol'
        ? new WebSocket(address, ['twitch.chat.v1', `bearer.${token}`])
        : new WebSocket(address, { headers: { authorization: `Bearer ${token}` } })
    // Listening before the socket opens: a frame right behind the handshake is not missed.
    const client = new ChatClient(socket)
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('unexpected-response', (request, response) => {
        request.destroy()
        reject(Object.assign(new Error(`upgrade refused: ${response.statusCode}`), { status: response.statusCode }))
      })
      socket.once('error', reject)
    })
    if (options.welcome !== false) await client.next((frame) => frame.type === 'welcome')
    return client
  }

  /** The first frame (received so far or later) that matches; throws after timeoutMs. */
  async next(match: (frame: ChatFrame) => boolean, timeoutMs = 5_000): Promise<ChatFrame> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = this.frames.find(match)
      if (found) return found
      const left = deadline - Date.now()
      if (left <= 0 || this.socket.readyState === WebSocket.CLOSED)
        throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  send(frame: object): void {
    this.socket.send(JSON.stringify(frame))
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data)
  }

  /** Sends a chat line and waits for its ack or its error (by ref). */
  async say(text: string, ref = `r${Math.random().toString(36).slice(2, 10)}`): Promise<ChatFrame> {
    this.send({ type: 'send', text, ref })
    return this.next((frame) => frame.ref === ref && (frame.type === 'ack' || frame.type === 'error'))
  }

  messages(): ChatFrame[] {
    return this.frames.filter((frame) => frame.type === 'message')
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1000, 'bye')
    return this.closed
  }
}
