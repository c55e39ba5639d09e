import { seededRandom } from '@wired/runtime'
import { describe, expect, it } from 'vitest'
import { conditionsProblem, PERFECT_LINK, sampleDelay, shouldDrop } from './link-conditions'
import { OrderedRelease } from './release-schedule'

describe('link conditions', () => {
  it('drops nothing on a perfect link and about dropPercent of datagrams otherwise', () => {
    const random = seededRandom(7)
    expect(Array.from({ length: 1000 }, () => shouldDrop(PERFECT_LINK, random)).filter(Boolean)).toHaveLength(0)
    const lossy = { ...PERFECT_LINK, dropPercent: 10 }
    const dropped = Array.from({ length: 10_000 }, () => shouldDrop(lossy, random)).filter(Boolean).length
    // Binomial(10 000, 0.1): sd = 30; 5 sd either side.
    expect(dropped).toBeGreaterThan(850)
    expect(dropped).toBeLessThan(1150)
  })

  it('decides with the injected random source: below the threshold drops, at or above keeps', () => {
    const lossy = { ...PERFECT_LINK, dropPercent: 10 }
    expect(shouldDrop(lossy, () => 0.099)).toBe(true)
    expect(shouldDrop(lossy, () => 0.1)).toBe(false)
  })

  it('keeps every delay within delay ± jitter and never below zero', () => {
    const random = seededRandom(3)
    const delays = Array.from({ length: 1000 }, () =>
      sampleDelay({ dropPercent: 0, delayMs: 50, jitterMs: 20 }, random),
    )
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(30)
    expect(Math.max(...delays)).toBeLessThanOrEqual(70)
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(30) // it does jitter
    expect(sampleDelay({ dropPercent: 0, delayMs: 5, jitterMs: 100 }, () => 0)).toBe(0)
    expect(sampleDelay({ dropPercent: 0, delayMs: 5, jitterMs: 0 }, () => 0)).toBe(5)
  })

  it('names the first bad field', () => {
    expect(conditionsProblem({ dropPercent: 10, delayMs: 0, jitterMs: 0 })).toBeUndefined()
    expect(conditionsProblem({ dropPercent: 51, delayMs: 0, jitterMs: 0 })).toBe(
      'dropPercent must be between 0 and 50, got 51',
    )
    expect(conditionsProblem({ dropPercent: 0, delayMs: '5', jitterMs: 0 })).toBe('delayMs must be a number')
    expect(conditionsProblem({ dropPercent: 0, delayMs: 0, jitterMs: -1 })).toContain('jitterMs')
  })
})

describe('release schedule', () => {
  it('never lets a stream chunk overtake the one ahead of it', () => {
    // Delays 80, then 10: a datagram would leave first; the second chunk waits for the first.
    const ordered = new OrderedRelease()
    const first = ordered.next(1000, 80)
    const second = ordered.next(1001, 10)
    expect(first).toBe(1080)
    expect(second).toBe(1080)
    expect(ordered.next(2000, 0)).toBe(2000) // once the queue has drained, no extra wait
  })
})
