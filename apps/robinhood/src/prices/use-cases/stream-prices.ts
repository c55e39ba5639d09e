import { AppError } from '@wired/runtime'
import type { TickBatch } from '../../shared/market-feed'
import type { MarketFeedReader } from '../adapters/market-feed-reader'
import { type PendingPrices, PriceFanout } from '../domain/price-fanout'
import { validSymbols } from '../domain/symbol-list'
import type { TickerRing } from '../domain/ticker-ring'

/** What the use case needs of a socket: whether it can take a frame now, and to send one. */
export interface PriceClient {
  /** False when the socket is behind (unread bytes past the hold-back bound): try later. */
  canTakeMore(): boolean
  sendPrices(pending: PendingPrices): void
}

export interface StreamStats {
  batches: number
  framesSent: number
  heldBack: number
}

/**
 * The price gateway's story: batches from the market fold into each subscriber's pending
 * prices and into the SSE ring; a clock at `framesPerSecond` hands every owed socket one frame
 * with all its changed symbols. A socket that is behind is skipped this round, and its prices
 * keep coalescing, so it gets the newest prices later and the server never buffers a backlog.
 */
export class PriceStream {
  readonly fanout: PriceFanout<PriceClient>
  readonly stats: StreamStats = { batches: 0, framesSent: 0, heldBack: 0 }
  /** The gateway's own last price per symbol (prices:last at start, then every batch): SSE snapshots. */
  readonly board = new Map<string, number>()
  private clock: NodeJS.Timeout | undefined
  private readonly listeners = new Set<(batch: TickBatch) => void>()

  constructor(
    private readonly feed: MarketFeedReader,
    readonly ring: TickerRing,
    private readonly options: { framesPerSecond: number; maxSymbolsPerClient: number },
  ) {
    this.fanout = new PriceFanout(options.maxSymbolsPerClient)
  }

  async start(): Promise<void> {
    // Subscribe first, then read the cache: a batch in between only makes the board newer.
    await this.feed.follow((batch) => this.onBatch(batch))
    for (const [symbol, cents] of await this.feed.lastPrices())
      if (!this.board.has(symbol)) this.board.set(symbol, cents)
    this.clock = setInterval(() => this.flush(), Math.round(1000 / this.options.framesPerSecond))
  }

  stop(): void {
    clearInterval(this.clock)
  }

  /**
   * Validate → read the new symbols' last prices from the cache → subscribe. The read comes
   * before the change, so a failed read (Redis down) leaves the subscription as it was, and the
   * snapshot reaches the client before any price frame for those symbols.
   */
  async subscribe(client: PriceClient, input: unknown) {
    const symbols = validSymbols(input, this.options.maxSymbolsPerClient)
    const toAdd = this.fanout.newSymbols(client, symbols)
    const last = toAdd.length === 0 ? new Map<string, number>() : await this.feed.lastPrices()
    const { all, added } = this.fanout.subscribe(client, symbols)
    const snapshot = new Map(added.flatMap((symbol) => (last.has(symbol) ? [[symbol, last.get(symbol)!]] : [])))
    return { symbols: all, snapshot }
  }

  unsubscribe(client: PriceClient, input: unknown): { symbols: string[]; snapshot: Map<string, number> } {
    const symbols = validSymbols(input, this.options.maxSymbolsPerClient)
    return { symbols: this.fanout.unsubscribe(client, symbols), snapshot: new Map() }
  }

  remove(client: PriceClient): void {
    this.fanout.remove(client)
  }

  /** SSE streams hear every batch as it arrives (they are not throttled; see ticker.routes.ts). */
  onEveryBatch(listener: (batch: TickBatch) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private onBatch(batch: TickBatch): void {
    this.stats.batches += 1
    this.ring.push(batch)
    for (const tick of batch.ticks) this.board.set(tick.symbol, tick.priceCents)
    this.fanout.apply(batch)
    for (const listener of this.listeners) listener(batch)
  }

  private flush(): void {
    this.stats.framesSent += this.fanout.flush((client, pending) => {
      if (!client.canTakeMore()) {
        this.stats.heldBack += 1
        return false
      }
      client.sendPrices(pending)
      return true
    })
  }
}

export const unknownFrame = (type: unknown) =>
  new AppError('INVALID_ARGUMENT', `unknown frame type '${String(type).slice(0, 20)}'; send subscribe or unsubscribe`)
