import { ClientFrame, ServerFrame } from '@wired/proto/robinhood/v1/prices'
import { type ClientOptions, WebSocket } from 'ws'

export type Encoding = 'json' | 'protobuf'
export const SUBPROTOCOL = { json: 'prices.json.v1', protobuf: 'prices.protobuf.v1' } as const

/** A server frame, decoded from either encoding into one shape, with its size on the wire. */
export type Frame =
  | {
      type: 'prices'
      bytes: number
      receivedAt: number
      epoch: string
      seq: number
      atMs: number
      firstAtMs: number
      prices: Record<string, number>
    }
  | { type: 'subscribed'; bytes: number; ref: string | undefined; symbols: string[]; snapshot: Record<string, number> }
  | { type: 'error'; bytes: number; code: string; message: string; ref: string | undefined }

export function decodeFrame(data: Buffer, isBinary: boolean): Frame {
  const bytes = data.length
  if (!isBinary) {
    const frame = JSON.parse(data.toString())
    if (frame.type === 'prices') return { ...frame, bytes, receivedAt: Date.now() }
    return { ...frame, bytes }
  }
  const kind = ServerFrame.decode(data).kind
  const map = (list: Array<{ symbol: string; priceCents: number }>) =>
    Object.fromEntries(list.map((price) => [price.symbol, price.priceCents]))
  if (kind?.$case === 'prices')
    return { type: 'prices', bytes, receivedAt: Date.now(), ...kind.value, prices: map(kind.value.prices) }
  if (kind?.$case === 'subscribed')
    return {
      type: 'subscribed',
      bytes,
      ref: kind.value.ref || undefined,
      symbols: kind.value.symbols,
      snapshot: map(kind.value.snapshot),
    }
  if (kind?.$case === 'error') return { type: 'error', bytes, ...kind.value, ref: kind.value.ref || undefined }
  throw new Error('a ServerFrame without a kind')
}

/** A trader's price socket as a test drives it: real `ws`, every frame kept, either encoding. */
export class PriceSocket {
  readonly frames: Frame[] = []
  private constructor(
    readonly socket: WebSocket,
    readonly encoding: Encoding,
  ) {
    socket.on('message', (data: Buffer, isBinary) => this.frames.push(decodeFrame(data, isBinary)))
  }

  static open(url: string, token: string, encoding: Encoding, options: ClientOptions = {}): Promise<PriceSocket> {
    const socket = new WebSocket(url, [SUBPROTOCOL[encoding], `bearer.${token}`], options)
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new PriceSocket(socket, encoding)))
      socket.once('error', reject)
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused: ${response.statusCode}`)),
      )
    })
  }

  /** Sends subscribe/unsubscribe in the socket's encoding. */
  send(type: 'subscribe' | 'unsubscribe', symbols: string[], extra: { ref?: string; trace?: string } = {}): void {
    if (this.encoding === 'json') this.socket.send(JSON.stringify({ type, symbols, id: extra.ref, trace: extra.trace }))
    else
      this.socket.send(
        ClientFrame.encode({
          action: { $case: type, value: { symbols } },
          ref: extra.ref ?? '',
          trace: extra.trace ?? '',
        }).finish(),
      )
  }

  /** Sends and waits for the answer carrying `ref` (a `subscribed` or an `error`). */
  async request(type: 'subscribe' | 'unsubscribe', symbols: string[], ref: string, trace?: string): Promise<Frame> {
    this.send(type, symbols, { ref, trace })
    return this.next((frame) => frame.type !== 'prices' && frame.ref === ref)
  }

  /** The first frame (already received or still to come) matching `predicate`. */
  async next(predicate: (frame: Frame) => boolean, timeoutMs = 5_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const found = this.frames.find(predicate)
      if (found) return found
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    throw new Error(`no matching frame within ${timeoutMs} ms (${this.frames.length} frames received)`)
  }

  prices(): Array<Extract<Frame, { type: 'prices' }>> {
    return this.frames.filter((frame): frame is Extract<Frame, { type: 'prices' }> => frame.type === 'prices')
  }

  close(): void {
    this.socket.terminate()
  }
}

/** The HTTP answer to an upgrade that must be refused before any socket opens. */
export function upgradeRefusal(
  url: string,
  protocols: string[],
  options: ClientOptions = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols, options)
    socket.once('open', () => {
      socket.terminate()
      reject(new Error('the socket opened'))
    })
    socket.once('error', () => {})
    socket.once('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
  })
}
