import { once } from 'node:events'
import { WebSocket } from 'ws'
import { CHAT_PROTOCOL } from '../../src/shared/frames'

/** A bare WebSocket, for sending what no well-behaved client would. */
export class RawSocket {
  readonly frames: Record<string, unknown>[] = []
  readonly closed: Promise<{ code: number; reason: string }>

  private constructor(readonly socket: WebSocket) {
    // A frame sent inside a traced action leads with the wire view's `trace` field: transport,
    // not content, and different on every action, so frames are compared without it.
    socket.on('message', (data) => {
      const { trace: _trace, ...frame } = JSON.parse(data.toString())
      this.frames.push(frame)
    })
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    )
  }

  /** Resolves with the open socket, or rejects with the HTTP status that refused the upgrade. */
  static async open(url: string, token: string | undefined, headers: Record<string, string> = {}): Promise<RawSocket> {
    const protocols = token === undefined ? [CHAT_PROTOCOL] : [CHAT_PROTOCOL, `bearer.${token}`]
    const socket = new WebSocket(url, protocols, { headers })
    const refused = new Promise<never>((_, reject) =>
      socket.once('unexpected-response', (_request, response) => {
        response.resume()
        reject(Object.assign(new Error(`upgrade refused: ${response.statusCode}`), { status: response.statusCode }))
      }),
    )
    // Listen before the handshake ends: the server's first frame can arrive in the same read as
    // the 101 response (a load balancer coalesces them), and ws emits it right after 'open'.
    const raw = new RawSocket(socket)
    await Promise.race([once(socket, 'open'), refused])
    return raw
  }

  send(data: string | Buffer | object): void {
    this.socket.send(typeof data === 'string' || Buffer.isBuffer(data) ? data : JSON.stringify(data))
  }

  async nextFrame(type: string, timeoutMs = 5_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const index = this.frames.findIndex((frame) => frame.type === type)
      if (index >= 0) return this.frames.splice(index, 1)[0]!
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    throw new Error(`no ${type} frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`)
  }

  close(): void {
    this.socket.close()
  }
}
