import { seededRandom } from '@wired/runtime'
import { describe, expect, it } from 'vitest'
import { progressLine } from './progress'
import { cardToken, LOW_STOCK, nextStep, pageNumber, pause, wantsIt } from './shopper'

const tally = (outcomes: string[]) =>
  Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length]))

describe('a simulated shopper', () => {
  it('browses first, checks out only with something in the cart, and repeats itself for a seed', () => {
    const random = seededRandom(42)
    expect(nextStep({ known: 0, cartLines: 3 }, random)).toBe('browse')
    const empty = Array.from({ length: 1_000 }, () => nextStep({ known: 20, cartLines: 0 }, random))
    expect(empty).not.toContain('checkout')
    const steps = Array.from({ length: 1_000 }, () => nextStep({ known: 20, cartLines: 1 }, random))
    const counts = tally(steps)
    expect(counts.checkout).toBeGreaterThan(200)
    expect(counts.view).toBeGreaterThan(counts.search!)
    const again = (seed: number) =>
      Array.from(
        { length: 20 },
        (
          (r) => () =>
            nextStep({ known: 5, cartLines: 1 }, r)
        )(seededRandom(seed)),
      )
    expect(again(7)).toEqual(again(7))
  })

  it('pays mostly with tok_ok, some tok_decline, rarely tok_timeout', () => {
    const counts = tally(Array.from({ length: 10_000 }, () => cardToken(seededRandom(1))))
    expect(Object.keys(counts)).toEqual(['tok_ok']) // one draw of one seed: the same token every time
    const random = seededRandom(3)
    const mix = tally(Array.from({ length: 10_000 }, () => cardToken(random)))
    expect(mix.tok_ok).toBeGreaterThan(7_500)
    expect(mix.tok_decline).toBeGreaterThan(1_400)
    expect(mix.tok_decline).toBeLessThan(2_000)
    expect(mix.tok_timeout).toBeGreaterThan(150)
    expect(mix.tok_timeout).toBeLessThan(450)
  })

  it('never wants a product whose stock is low, so the shop is never bought out', () => {
    const random = seededRandom(9)
    expect(Array.from({ length: 1_000 }, () => wantsIt(LOW_STOCK - 1, random))).not.toContain(true)
    expect(Array.from({ length: 1_000 }, () => wantsIt(100, random))).not.toContain(true)
    const wanted = Array.from({ length: 3_000 }, () => wantsIt(1_000_000, random)).filter(Boolean).length
    expect(wanted).toBeGreaterThan(850)
    expect(wanted).toBeLessThan(1_150)
  })

  it('keeps page numbers and pauses in range', () => {
    const random = seededRandom(5)
    const pages = Array.from({ length: 1_000 }, () => pageNumber(5, random))
    expect(Math.min(...pages)).toBe(1)
    expect(Math.max(...pages)).toBeLessThanOrEqual(5)
    expect(pages.filter((p) => p === 1).length).toBeGreaterThan(pages.filter((p) => p === 5).length)
    const pauses = Array.from({ length: 1_000 }, () => pause(1_000, random))
    expect(Math.min(...pauses)).toBeGreaterThanOrEqual(500)
    expect(Math.max(...pauses)).toBeLessThanOrEqual(1_500)
  })

  it('writes the progress line with rates over the interval and totals since start', () => {
    const line = progressLine({
      shoppers: 5,
      seconds: 10,
      recent: { pageViews: 31, notModified: 0, orders: 4, declined: 1, timedOut: 0, replayed: 0 },
      total: { pageViews: 400, notModified: 90, orders: 50, declined: 2, timedOut: 0, replayed: 1 },
      unitsLeft: 1234,
    })
    expect(line).toBe('shoppers: 5 browsing, 3.1 page views/s, 0.4 orders/s (2 declined, 1 replayed), 1,234 units left')
    const busy = progressLine({
      shoppers: 20,
      seconds: 5,
      recent: { pageViews: 40, notModified: 10, orders: 5, declined: 1, timedOut: 1, replayed: 0 },
      total: { pageViews: 4_000, notModified: 900, orders: 1_500, declined: 300, timedOut: 12, replayed: 200 },
    })
    expect(busy).toBe(
      'shoppers: 20 browsing, 8.0 page views/s (25 % 304), 1.0 orders/s (300 declined, 12 timed out, 200 replayed)',
    )
  })
})
