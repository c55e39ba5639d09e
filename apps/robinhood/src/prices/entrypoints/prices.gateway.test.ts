import { silentLogger } from '@wired/runtime'
import type { GatewayConnection, MessageHandler } from '@wired/ws'
import { describe, expect, it } from 'vitest'
import { SYMBOLS } from '../../shared/symbols'
import type { MarketFeedReader } from '../adapters/market-feed-reader'
import { TickerRing } from '../domain/ticker-ring'
import { PriceStream } from '../use-cases/stream-prices'
import { pricesSocket, type Trader } from './prices.gateway'

/** A socket whose unread bytes the test sets, recording what the gateway sends. */
function fakeConnection() {
  const sent: Array<string | Uint8Array> = []
  let handler: MessageHandler<Trader> | undefined
  const connection = {
    id: 'c1',
    principal: { accountId: 'a1' },
    protocol: 'prices.json.v1',
    bufferedAmount: 0,
    send: () => true,
    sendEncoded: (frame: string) => sent.push(frame) > 0,
    sendBinary: (frame: Uint8Array) => sent.push(frame) > 0,
    close: () => {},
    onMessage: (next: MessageHandler<Trader>) => {
      handler = next
    },
    onClose: () => {},
  }
  return {
    connection,
    sent,
    handle: (message: object) => handler!(message as never, connection as GatewayConnection<Trader>),
  }
}

const SYMBOL = SYMBOLS[0]!

describe('pricesSocket', () => {
  it('holds a slow socket’s prices back while its unread bytes are over the bound, then sends only the newest', async () => {
    let publish: (batch: never) => void = () => {}
    const feed = {
      follow: async (onBatch: (batch: never) => void) => {
        publish = onBatch
      },
      lastPrices: async () => new Map([[SYMBOL, 100]]),
    } as unknown as MarketFeedReader
    const stream = new PriceStream(feed, new TickerRing(10), { framesPerSecond: 1_000, maxSymbolsPerClient: 50 })
    await stream.start()
    const { connection, sent, handle } = fakeConnection()
    pricesSocket(stream, 1_024, silentLogger)(connection as unknown as GatewayConnection<Trader>)
    await handle({ type: 'subscribe', symbols: [SYMBOL], id: 'r' })
    expect(sent).toHaveLength(1) // subscribed

    connection.bufferedAmount = 10_000 // the reader stopped taking data
    for (let seq = 1; seq <= 50; seq++)
      publish({ epoch: 'e', seq, atMs: seq, ticks: [{ symbol: SYMBOL, priceCents: 100 + seq }] } as never)
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(sent).toHaveLength(1)
    expect(stream.stats.heldBack).toBeGreaterThan(0)

    connection.bufferedAmount = 0 // caught up
    await new Promise((resolve) => setTimeout(resolve, 30))
    stream.stop()
    expect(sent).toHaveLength(2)
    expect(JSON.parse(sent[1] as string)).toMatchObject({
      type: 'prices',
      seq: 50,
      firstAtMs: 1,
      prices: { [SYMBOL]: 150 },
    })
  })
})
