import { ClientFrame, ServerFrame } from '@wired/proto/robinhood/v1/prices'
import type { BinaryCodec, ClientMessage } from '@wired/ws'
import type { PendingPrices } from '../domain/price-fanout'

/**
 * The two encodings a client may choose in the WebSocket handshake (README.prices.md has every
 * frame in both). The token rides beside them as `bearer.<token>`; the server answers with the
 * encoding it picked, so a client reads the choice from `socket.protocol`.
 */
export const SUBPROTOCOLS = { json: 'prices.json.v1', protobuf: 'prices.protobuf.v1' } as const
export type Encoding = keyof typeof SUBPROTOCOLS

export const encodingOf = (protocol: string): Encoding | undefined =>
  protocol === SUBPROTOCOLS.json ? 'json' : protocol === SUBPROTOCOLS.protobuf ? 'protobuf' : undefined

/** One price frame in the client's encoding. JSON is written by hand: this runs 20,000 times a second. */
export function encodePrices(encoding: Encoding, pending: PendingPrices): string | Uint8Array {
  if (encoding === 'protobuf') {
    const prices = [...pending.prices].map(([symbol, priceCents]) => ({ symbol, priceCents }))
    const { epoch, seq, atMs, firstAtMs } = pending
    return ServerFrame.encode({ kind: { $case: 'prices', value: { epoch, seq, atMs, firstAtMs, prices } } }).finish()
  }
  let body = ''
  // Symbols are validated against the listing (A-Z only), so they need no JSON escaping.
  for (const [symbol, cents] of pending.prices) body += `${body === '' ? '' : ','}"${symbol}":${cents}`
  const epoch = JSON.stringify(pending.epoch)
  return `{"type":"prices","epoch":${epoch},"seq":${pending.seq},"atMs":${pending.atMs},"firstAtMs":${pending.firstAtMs},"prices":{${body}}}`
}

/** The answer to a subscribe or unsubscribe: the whole set afterwards and the new symbols' last prices. */
export function encodeSubscribed(
  encoding: Encoding,
  answer: { ref: string | undefined; symbols: string[]; snapshot: Map<string, number> },
): string | Uint8Array {
  if (encoding === 'protobuf') {
    const snapshot = [...answer.snapshot].map(([symbol, priceCents]) => ({ symbol, priceCents }))
    return ServerFrame.encode({
      kind: { $case: 'subscribed', value: { ref: answer.ref ?? '', symbols: answer.symbols, snapshot } },
    }).finish()
  }
  return JSON.stringify({
    type: 'subscribed',
    ref: answer.ref,
    symbols: answer.symbols,
    snapshot: Object.fromEntries(answer.snapshot),
  })
}

/**
 * Protobuf mode's client frames. A ClientFrame becomes the same object a JSON frame parses to
 * (`{ type, symbols, id, trace }`), so one handler serves both encodings; bytes that are not a
 * ClientFrame, or one that asks for nothing, are refused with a reason, and errors go back as
 * protobuf ErrorFrames.
 */
export const protobufFrames: BinaryCodec = {
  decode(data: Buffer): ClientMessage | string {
    let frame: ClientFrame
    try {
      frame = ClientFrame.decode(data)
    } catch {
      return 'malformed protobuf: not a wired.robinhood.v1.ClientFrame'
    }
    if (!frame.action) return 'a ClientFrame must set subscribe or unsubscribe'
    const message: ClientMessage = { type: frame.action.$case, symbols: frame.action.value.symbols }
    if (frame.ref !== '') message.id = frame.ref
    if (frame.trace !== '') message.trace = frame.trace
    return message
  },
  encodeError(error) {
    const ref = error.ref === undefined ? '' : String(error.ref)
    return ServerFrame.encode({
      kind: { $case: 'error', value: { code: error.code, message: error.message, ref } },
    }).finish()
  },
}
