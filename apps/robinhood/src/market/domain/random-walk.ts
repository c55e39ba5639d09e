import type { Listing } from '../../shared/symbols'

export interface PriceChange {
  symbol: string
  priceCents: number
}

/**
 * The simulated market: every symbol's price takes a random walk in integer cents. A tick picks
 * a symbol at random and moves it by up to ±0.2 % (at least one cent), so cheap and expensive
 * stocks move alike in relative terms. A price never reaches zero: a step that would take it
 * there is reflected upward, because a quote of 0 ¢ would make a market order free.
 */
export class RandomWalk {
  private readonly symbols: string[]
  private readonly prices: Map<string, number>

  constructor(
    listings: readonly Listing[],
    private readonly random: () => number = Math.random,
  ) {
    this.symbols = listings.map((listing) => listing.symbol)
    this.prices = new Map(listings.map((listing) => [listing.symbol, listing.openCents]))
  }

  priceOf(symbol: string): number | undefined {
    return this.prices.get(symbol)
  }

  /** Makes `count` ticks; a symbol ticked twice appears once, with its newest price. */
  step(count: number): PriceChange[] {
    const changed = new Map<string, number>()
    for (let i = 0; i < count; i++) {
      const symbol = this.symbols[Math.floor(this.random() * this.symbols.length)] as string
      const price = this.move(this.prices.get(symbol) as number)
      this.prices.set(symbol, price)
      changed.set(symbol, price)
    }
    return [...changed].map(([symbol, priceCents]) => ({ symbol, priceCents }))
  }

  private move(price: number): number {
    const reach = Math.max(1, Math.round(price * 0.002))
    const magnitude = 1 + Math.floor(this.random() * reach)
    const next = this.random() < 0.5 ? price - magnitude : price + magnitude
    return next >= 1 ? next : price + magnitude
  }
}
