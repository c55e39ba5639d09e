import { seededRandom } from '@wired/runtime'
import { describe, expect, it } from 'vitest'
import { LISTINGS } from '../../shared/symbols'
import { RandomWalk } from './random-walk'

describe('RandomWalk', () => {
  it('moves listed symbols in whole cents by at most 0.2 % (or one cent) per tick', () => {
    const walk = new RandomWalk(LISTINGS, seededRandom(1))
    const before = new Map(LISTINGS.map((listing) => [listing.symbol, listing.openCents]))
    const changes = walk.step(200)
    expect(changes.filter((change) => change.priceCents !== before.get(change.symbol)).length).toBeGreaterThan(150)
    for (const change of changes) {
      const old = before.get(change.symbol)
      expect(old).toBeDefined()
      expect(Number.isInteger(change.priceCents)).toBe(true)
      // One symbol may tick more than once in 200 ticks out of 500 symbols: allow a few steps.
      expect(Math.abs(change.priceCents - old!)).toBeLessThanOrEqual(5 * Math.max(1, Math.round(old! * 0.002)) + 5)
    }
  })

  it('reports each symbol once per step, with its newest price', () => {
    const walk = new RandomWalk(LISTINGS.slice(0, 3), seededRandom(2))
    const changes = walk.step(100)
    expect(new Set(changes.map((change) => change.symbol)).size).toBe(changes.length)
    for (const change of changes) expect(walk.priceOf(change.symbol)).toBe(change.priceCents)
  })

  it('never lets a price reach zero, even for a one-cent stock walking down forever', () => {
    // A draw of 0.1 every time: the only symbol, a one-cent step, and always "down" (< 0.5).
    const walk = new RandomWalk([{ symbol: 'PENNY', openCents: 1 }], () => 0.1)
    for (let i = 0; i < 1_000; i++) walk.step(1)
    expect(walk.priceOf('PENNY')).toBeGreaterThanOrEqual(1)
  })
})
