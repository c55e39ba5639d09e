import { AppError } from '@wired/runtime'
import type { TickBatch } from '../../shared/market-feed'

/** What one client is owed: the newest price of each subscribed symbol that changed since its last frame. */
export interface PendingPrices {
  epoch: string
  /** The newest TickBatch folded in. */
  seq: number
  atMs: number
  /** When the oldest change still waiting was made: its age is the frame's worst staleness. */
  firstAtMs: number
  prices: Map<string, number>
}

interface Subscriber<C> {
  client: C
  symbols: Set<string>
  pending: PendingPrices | undefined
}

/**
 * Who wants which symbol, and what each of them is owed. Ticks fold into a per-client map that
 * keeps only the newest price per symbol (coalescing), and a flush takes the whole map as one
 * frame (batching). However many ticks arrive between two flushes, a client is owed at most one
 * price per subscribed symbol: a slow client costs memory bounded by its subscription limit.
 */
export class PriceFanout<C> {
  private readonly subscribers = new Map<C, Subscriber<C>>()
  private readonly bySymbol = new Map<string, Set<Subscriber<C>>>()
  /** Clients with something pending, in the order they first became so. */
  private readonly owed = new Set<Subscriber<C>>()

  constructor(private readonly maxSymbolsPerClient: number) {}

  /**
   * The symbols a subscribe would add, or AppError INVALID_ARGUMENT if they would take the client
   * past its limit. Pure: call it before any I/O, so a refused request has changed nothing.
   */
  newSymbols(client: C, symbols: readonly string[]): string[] {
    const current = this.subscribers.get(client)?.symbols
    const added = symbols.filter((symbol) => !current?.has(symbol))
    const size = current?.size ?? 0
    if (size + added.length > this.maxSymbolsPerClient)
      throw new AppError(
        'INVALID_ARGUMENT',
        `at most ${this.maxSymbolsPerClient} symbols per socket; ${size} subscribed, ${added.length} more asked`,
        { limit: this.maxSymbolsPerClient },
      )
    return added
  }

  /** Adds symbols (already validated); returns the client's whole set and the ones that are new. */
  subscribe(client: C, symbols: readonly string[]): { all: string[]; added: string[] } {
    const added = this.newSymbols(client, symbols)
    const subscriber = this.subscribers.get(client) ?? { client, symbols: new Set<string>(), pending: undefined }
    this.subscribers.set(client, subscriber)
    for (const symbol of added) {
      subscriber.symbols.add(symbol)
      const set = this.bySymbol.get(symbol) ?? new Set<Subscriber<C>>()
      this.bySymbol.set(symbol, set)
      set.add(subscriber)
    }
    return { all: [...subscriber.symbols], added }
  }

  /** Removes symbols (unknown or unsubscribed ones are ignored); returns the remaining set. */
  unsubscribe(client: C, symbols: readonly string[]): string[] {
    const subscriber = this.subscribers.get(client)
    if (!subscriber) return []
    for (const symbol of symbols) {
      if (!subscriber.symbols.delete(symbol)) continue
      this.bySymbol.get(symbol)?.delete(subscriber)
      subscriber.pending?.prices.delete(symbol)
    }
    return [...subscriber.symbols]
  }

  /** The client left: forget it and whatever it was owed. */
  remove(client: C): void {
    const subscriber = this.subscribers.get(client)
    if (!subscriber) return
    this.unsubscribe(client, [...subscriber.symbols])
    this.subscribers.delete(client)
    this.owed.delete(subscriber)
  }

  /** Folds a batch into every interested client's pending prices. */
  apply(batch: TickBatch): void {
    for (const tick of batch.ticks) {
      const interested = this.bySymbol.get(tick.symbol)
      if (!interested) continue
      for (const subscriber of interested) {
        let pending = subscriber.pending
        if (!pending) {
          pending = { epoch: batch.epoch, seq: batch.seq, atMs: batch.atMs, firstAtMs: batch.atMs, prices: new Map() }
          subscriber.pending = pending
          this.owed.add(subscriber)
        }
        pending.epoch = batch.epoch
        pending.seq = batch.seq
        pending.atMs = batch.atMs
        pending.prices.set(tick.symbol, tick.priceCents)
      }
    }
  }

  /**
   * Hands each owed client's pending prices to `send`, which answers false to keep them for
   * later (a slow client: they stay and keep coalescing). Returns how many frames went out.
   */
  flush(send: (client: C, prices: PendingPrices) => boolean): number {
    let sent = 0
    for (const subscriber of this.owed) {
      const pending = subscriber.pending
      if (!pending || pending.prices.size === 0) {
        subscriber.pending = undefined
        this.owed.delete(subscriber)
        continue
      }
      if (!send(subscriber.client, pending)) continue
      subscriber.pending = undefined
      this.owed.delete(subscriber)
      sent += 1
    }
    return sent
  }

  get clients(): number {
    return this.subscribers.size
  }
}
