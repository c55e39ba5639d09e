import { describe, expect, it } from 'vitest'
import { LatencyWindow, latencyMs, percentile, seconds, summarize } from '../web/latency.js'

// The latency math the viewer page shows and the benchmark reports (web/latency.js), in Node.
describe('glass-to-glass latency from the program date time', () => {
  it('is now minus the date of the frame on screen, and unknown before a dated frame plays', () => {
    const now = Date.UTC(2026, 11, 4, 23, 0, 3, 250)
    expect(latencyMs(now, new Date(Date.UTC(2026, 11, 4, 23, 0, 0, 500)))).toBe(2750)
    expect(latencyMs(now, now - 1200)).toBe(1200)
    expect(latencyMs(now, null)).toBeUndefined()
    expect(latencyMs(now, undefined)).toBeUndefined()
    // hls.js answers an Invalid Date before the first fragment with a date is buffered.
    expect(latencyMs(now, new Date(Number.NaN))).toBeUndefined()
  })

  it('summarizes samples by nearest rank: p50, p95, max, skipping non-numbers', () => {
    const samples = Array.from({ length: 100 }, (_, i) => (i + 1) * 10) // 10..1000
    expect(summarize(samples)).toEqual({ count: 100, min: 10, p50: 500, p95: 950, max: 1000 })
    expect(summarize([3000, Number.NaN, 1000, 2000])).toEqual({ count: 3, min: 1000, p50: 2000, p95: 3000, max: 3000 })
    expect(percentile([], 50)).toBeNaN()
    expect(summarize([]).count).toBe(0)
  })

  it('keeps a rolling window of the last samples and prints seconds with one decimal', () => {
    const window = new LatencyWindow(3)
    for (const ms of [9000, 1000, 2000, Number.NaN, 3000]) window.add(ms)
    expect(window.samples).toEqual([1000, 2000, 3000])
    expect(window.summary().p50).toBe(2000)
    window.clear()
    expect(window.summary().count).toBe(0)
    expect(seconds(2345)).toBe('2.3 s')
    expect(seconds(Number.NaN)).toBe('–')
  })
})
