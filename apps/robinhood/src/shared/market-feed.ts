/**
 * The market-data feed's contract on Redis, shared by its producer (the market simulator) and
 * its readers (price gateways, trade engine, risk):
 *
 *   HSET    <prefix>prices:last  <symbol> <cents>   the last price of every symbol (the cache a
 *                                                    quote or a market order reads)
 *   PUBLISH <prefix>prices:ticks <TickBatch>        every ~20 ms, protobuf (robinhood/v1/market.proto),
 *                                                    base64-encoded (see tickMessage)
 *
 * Why Redis pub/sub and not Kafka for ticks: a price is superseded within milliseconds, so a
 * reader that missed one wants the next, not a replay; pub/sub is fire-and-forget with no disk
 * in the path. Orders are the opposite (every one must survive a crash) and go through Kafka.
 */
import { TickBatch } from '@wired/proto/robinhood/v1/market'

export function marketKeys(prefix: string) {
  return {
    lastPrices: `${prefix}prices:last`,
    ticks: `${prefix}prices:ticks`,
  }
}

export type MarketKeys = ReturnType<typeof marketKeys>

export const encodeTickBatch = (batch: TickBatch): Buffer => Buffer.from(TickBatch.encode(batch).finish())

/** Decodes a PUBLISHed batch; throws on bytes that are not one. */
export const decodeTickBatch = (bytes: Uint8Array): TickBatch => TickBatch.decode(bytes)

/**
 * The PUBLISHed form of a batch: its protobuf bytes in base64. The project's Redis client (and
 * its in-process twin) carries pub/sub messages as strings, and a string of raw protobuf bytes
 * would not survive the UTF-8 round trip; base64 costs a third more bytes on a loopback channel
 * and keeps the message readable by any Redis client in any language (`redis-cli SUBSCRIBE`).
 */
export const tickMessage = (batch: TickBatch): string => encodeTickBatch(batch).toString('base64')

/** Reads a PUBLISHed batch; throws on a message that is not one. */
export const readTickMessage = (message: string): TickBatch => decodeTickBatch(Buffer.from(message, 'base64'))

export type { Tick, TickBatch } from '@wired/proto/robinhood/v1/market'
