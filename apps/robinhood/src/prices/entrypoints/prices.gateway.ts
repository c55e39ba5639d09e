import type { Logger } from '@wired/runtime'
import { CLOSE_CODES, type GatewayConnection } from '@wired/ws'
import { type PriceClient, type PriceStream, unknownFrame } from '../use-cases/stream-prices'
import { encodePrices, encodeSubscribed, encodingOf, SUBPROTOCOLS } from './price-frames'

export interface Trader {
  accountId: string
}

/**
 * One price socket. Client frames (JSON text, or protobuf ClientFrames in protobuf mode):
 *   subscribe   { type: 'subscribe',   symbols: ['AAA', …], id?: 'r1' } → subscribed (+ snapshot)
 *   unsubscribe { type: 'unsubscribe', symbols: ['AAA', …], id?: 'r2' } → subscribed (the rest)
 * Server frames: `subscribed`, `prices` (throttled and batched, see PriceStream), `error`.
 * A refused frame gets an error frame and changes nothing; the socket stays open.
 */
export function pricesSocket(stream: PriceStream, holdBackBytes: number, logger: Logger) {
  return (connection: GatewayConnection<Trader>) => {
    const offered = connection.protocol
    const encoding = offered === '' ? 'json' : encodingOf(offered)
    if (encoding === undefined) {
      // 1008: the client broke a rule it can fix (offer a known subprotocol); retrying as-is is pointless.
      connection.close(
        CLOSE_CODES.POLICY_VIOLATION,
        `unknown subprotocol; offer ${SUBPROTOCOLS.json} or ${SUBPROTOCOLS.protobuf}`,
      )
      return
    }
    const send = (frame: string | Uint8Array, type: string) =>
      typeof frame === 'string' ? connection.sendEncoded(frame) : connection.sendBinary(frame, type)
    const client: PriceClient = {
      canTakeMore: () => connection.bufferedAmount <= holdBackBytes,
      sendPrices: (pending) => send(encodePrices(encoding, pending), 'prices'),
    }
    connection.onMessage(async (message) => {
      const ref = typeof message.id === 'string' || typeof message.id === 'number' ? String(message.id) : undefined
      let answer: { symbols: string[]; snapshot: Map<string, number> }
      if (message.type === 'subscribe') answer = await stream.subscribe(client, message.symbols)
      else if (message.type === 'unsubscribe') answer = stream.unsubscribe(client, message.symbols)
      else throw unknownFrame(message.type)
      send(encodeSubscribed(encoding, { ref, ...answer }), 'subscribed')
    })
    connection.onClose((code) => {
      stream.remove(client)
      logger.debug({ connection: connection.id, code }, 'price socket closed')
    })
  }
}
