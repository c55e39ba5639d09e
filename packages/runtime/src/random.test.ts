import { describe, expect, it } from 'vitest'
import { seededRandom } from './random'

describe('seededRandom', () => {
  it('repeats its sequence for a seed, and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed))
    expect(draw(7)).toEqual(draw(7))
    expect(draw(7)).not.toEqual(draw(8))
  })
  it('stays in [0, 1) and spreads evenly', () => {
    const random = seededRandom(1)
    const values = Array.from({ length: 10_000 }, random)
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...values)).toBeLessThan(1)
    expect(values.filter((v) => v < 0.5).length).toBeGreaterThan(4_800)
    expect(values.filter((v) => v < 0.5).length).toBeLessThan(5_200)
  })
})
