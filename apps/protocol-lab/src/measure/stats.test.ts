import { describe, expect, it } from 'vitest'
import { medianOfRuns, percentile, summarize } from './stats'

describe('stats', () => {
  it('interpolates percentiles between ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5)
    expect(percentile([10], 99)).toBe(10)
    expect(percentile([0, 100], 99)).toBeCloseTo(99)
    expect(() => percentile([], 50)).toThrow('empty')
  })

  it('summarizes unsorted samples', () => {
    expect(summarize([5, 1, 3])).toEqual({ n: 3, p50: 3, p99: expect.closeTo(4.96, 5), mean: 3, min: 1, max: 5 })
  })

  it('takes the median run, so one disturbed run does not move the result', () => {
    const run = (p50: number) => ({ n: 10, p50, p99: p50 * 2, mean: p50, min: 0, max: p50 * 3 })
    const result = medianOfRuns([run(1), run(1.2), run(50)])
    expect(result.p50).toBe(1.2)
    expect(result.p99).toBe(2.4)
    expect(result.max).toBe(150)
    expect(result.n).toBe(30)
  })
})
