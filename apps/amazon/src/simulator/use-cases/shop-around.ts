import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from '@wired/runtime'
import type { ShopClient } from '../adapters/shop.client'
import type { Tally } from '../domain/progress'
import {
  cardToken,
  nextStep,
  pageNumber,
  pause,
  quantity,
  type Random,
  retriesSameKey,
  searchQuery,
  wantsIt,
} from '../domain/shopper'

/** 81 products, 20 a page. */
const PAGES = 5

export interface Shopper {
  name: string
  shop: ShopClient
  random: Random
  paceMs: number
  /** Every tally the shopper adds to (the interval's and the run's). */
  tallies: Tally[]
  logger: Logger
  signal: AbortSignal
}

/**
 * One shopper until the signal: page the catalogue (If-None-Match, so unchanged pages are 304s),
 * search, open product pages over GraphQL, put what it likes in the cart, and now and then check
 * out with a fresh Idempotency-Key, sometimes sending the same key again as a phone that lost
 * the reply would (the api replays the order: 200, Idempotent-Replayed). A failed step is
 * counted by nobody and retried by no one: the shopper just moves on.
 */
export async function shopAround(shopper: Shopper): Promise<void> {
  const { shop, random, signal } = shopper
  const known = new Set<string>()
  let cartLines = await shop.cart().then(
    (lines) => lines.length,
    () => 0,
  )
  const add = (key: keyof Tally) => {
    for (const tally of shopper.tallies) tally[key] += 1
  }

  /** A catalogue page or a search: 304 when unchanged since this shopper's last look (its ETag). */
  async function read(path: string) {
    const page = await shop.listing(path)
    add('pageViews')
    if (page.status === 304) add('notModified')
    for (const sku of page.skus) known.add(sku)
  }

  async function step() {
    switch (nextStep({ known: known.size, cartLines }, random)) {
      case 'browse': {
        return read(`/v1/products?page=${pageNumber(PAGES, random)}&pageSize=20`)
      }
      case 'search': {
        // 429 past the api's search limit: the shopper simply reads something else.
        return read(`/v1/search?q=${encodeURIComponent(searchQuery(random))}`)
      }
      case 'view': {
        const skus = [...known]
        const sku = skus[Math.floor(random() * skus.length)]!
        const product = await shop.productPage(sku)
        add('pageViews')
        if (!product) return
        for (const other of product.recommended) known.add(other)
        if (wantsIt(product.stock, random)) {
          await shop.setCart(sku, quantity(random))
          cartLines = (await shop.cart()).length
        }
        return
      }
      case 'checkout':
        return checkout()
    }
  }

  async function checkout() {
    const lines = await shop.cart()
    cartLines = lines.length
    if (lines.length === 0) return
    const key = randomUUID()
    const token = cardToken(random)
    const answer = await shop.checkout(lines, token, key)
    if (answer.status === 201) {
      add('orders')
      if (retriesSameKey(random) && (await shop.checkout(lines, token, key)).replayed) add('replayed')
    } else if (answer.reason === 'CARD_DECLINED') add('declined')
    else if (answer.status === 504) add('timedOut')
    // Declined or not, this cart is done with: the next checkout is a new cart and a new key.
    for (const line of lines) await shop.setCart(line.sku, 0)
    cartLines = 0
  }

  while (!signal.aborted) {
    try {
      await step()
    } catch (error) {
      if (signal.aborted) return
      shopper.logger.debug({ err: error, shopper: shopper.name }, 'a shopper step failed')
    }
    await sleep(pause(shopper.paceMs, random), undefined, { signal }).catch(() => {})
  }
}
