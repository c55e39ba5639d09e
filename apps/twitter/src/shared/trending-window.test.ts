import { describe, expect, it } from 'vitest'
import { minuteOf, topTags, WINDOW_MINUTES, windowMinutes } from './trending-window'

describe('trending window', () => {
  it('covers the last WINDOW_MINUTES minutes, newest first', () => {
    const now = Date.UTC(2026, 0, 1, 12, 30, 15)
    const minutes = windowMinutes(now)
    expect(minutes).toHaveLength(WINDOW_MINUTES)
    expect(minutes[0]).toBe(minuteOf(now))
    expect(minutes.at(-1)).toBe(minuteOf(now) - WINDOW_MINUTES + 1)
  })
  it('sums buckets and ranks by count, then by name', () =>
    expect(
      topTags(
        [
          { kafka: '2', redis: '1' },
          { redis: '1', grpc: '2' },
        ],
        3,
      ),
    ).toEqual([
      { tag: 'grpc', count: 2 },
      { tag: 'kafka', count: 2 },
      { tag: 'redis', count: 2 },
    ]))
})
