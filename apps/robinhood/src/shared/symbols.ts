import { seededRandom } from '@wired/runtime'

/**
 * The simulated market's listing: 500 made-up ticker symbols with their opening prices, the same
 * on every run and in every service (the risk check refuses a symbol not on it). Made up so that
 * nobody mistakes a random walk for a real quote.
 */
export const SYMBOL_COUNT = 500

export interface Listing {
  symbol: string
  /** Opening price in integer cents. */
  openCents: number
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

function makeListings(): Listing[] {
  const random = seededRandom(4_2024)
  const seen = new Set<string>()
  const listings: Listing[] = []
  while (listings.length < SYMBOL_COUNT) {
    const length = 3 + Math.floor(random() * 2)
    let symbol = ''
    for (let i = 0; i < length; i++) symbol += LETTERS[Math.floor(random() * LETTERS.length)]
    if (seen.has(symbol)) continue
    seen.add(symbol)
    // $5 to $500, log-uniform like a real listing: many cheap stocks, a few expensive ones.
    const dollars = 5 * 100 ** random()
    listings.push({ symbol, openCents: Math.round(dollars * 100) })
  }
  return listings
}

export const LISTINGS: readonly Listing[] = makeListings()
export const SYMBOLS: readonly string[] = LISTINGS.map((listing) => listing.symbol)
const LISTED = new Set(SYMBOLS)

export const isListed = (symbol: string): boolean => LISTED.has(symbol)
