/**
 * What a simulated shopper does next, as pure decisions over a random source, so a seeded
 * random gives the same shopper every time (shopper.test.ts). The mix is a person's: mostly
 * browsing and product pages, now and then a search, a cart, a checkout.
 */
export type Random = () => number

export type Step = 'browse' | 'search' | 'view' | 'checkout'

export interface ShopperView {
  /** Skus the shopper has seen on catalogue pages or in search results. */
  known: number
  /** Lines in the shopper's cart. */
  cartLines: number
}

export function nextStep(view: ShopperView, random: Random): Step {
  if (view.known === 0) return 'browse'
  const r = random()
  if (view.cartLines > 0 && r < 0.25) return 'checkout'
  if (r < 0.45) return 'browse'
  if (r < 0.55) return 'search'
  return 'view'
}

/**
 * Below this many units a product is left alone: the simulator never buys out the shop, and the
 * launch item (100 units) stays for the reader's own rush of 200 buyers.
 */
export const LOW_STOCK = 1_000

/** After a product page: put it in the cart? Never when stock is low; otherwise one time in three. */
export function wantsIt(stock: number, random: Random, lowStock = LOW_STOCK): boolean {
  return stock >= lowStock && random() < 1 / 3
}

/** One unit mostly, sometimes two. */
export const quantity = (random: Random): number => (random() < 0.8 ? 1 : 2)

export type CardToken = 'tok_ok' | 'tok_decline' | 'tok_timeout'

/** The card: mostly one that pays, some declined, a rare one whose payment misses its deadline. */
export function cardToken(random: Random): CardToken {
  const r = random()
  if (r < 0.8) return 'tok_ok'
  if (r < 0.97) return 'tok_decline'
  return 'tok_timeout'
}

/** After a checkout answered: send it again with the same Idempotency-Key (a phone that lost the reply)? */
export const retriesSameKey = (random: Random): boolean => random() < 0.15

const QUERIES = ['kettle', 'wireless headphones', 'travel backpack', 'ergonomic chair', 'lamp', 'steel mug', 'tent']

export const searchQuery = (random: Random): string => QUERIES[Math.floor(random() * QUERIES.length)]!

/** A page number in 1..pages, the first pages likelier (people rarely page far). */
export const pageNumber = (pages: number, random: Random): number =>
  Math.min(pages, 1 + Math.floor(random() * random() * pages))

/** The pause before the next step: the pace, ±50 %, so shoppers do not march in step. */
export const pause = (paceMs: number, random: Random): number => Math.round(paceMs * (0.5 + random()))
