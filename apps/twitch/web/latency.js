/**
 * Glass-to-glass latency, as the viewer page shows it and the benchmark summarizes it.
 *
 * The frame on screen carries a wall-clock time: the playlist's EXT-X-PROGRAM-DATE-TIME of its
 * segment plus its offset in the segment (hls.js's `playingDate`). ffmpeg on the ingest stamps
 * that time from the machine's clock; the page reads `Date.now()` from the same clock (loopback),
 * so the difference is the whole way from the ingest to the screen, with no clock skew in it.
 */

/**
 * @param {number} nowMs Date.now() when the frame is on screen
 * @param {Date | number | null | undefined} playingDate the frame's program date time
 * @returns {number | undefined} milliseconds, undefined when the stream carries no date
 */
export function latencyMs(nowMs, playingDate) {
  if (playingDate === null || playingDate === undefined) return undefined
  const at = typeof playingDate === 'number' ? playingDate : playingDate.getTime()
  // hls.js answers an Invalid Date (NaN) before the first fragment with a date is buffered.
  if (!Number.isFinite(at) || !Number.isFinite(nowMs)) return undefined
  return nowMs - at
}

/** Nearest-rank percentile of ascending `sorted` (p in 0..100). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

/**
 * @param {number[]} samples milliseconds
 * @returns {{ count: number, min: number, p50: number, p95: number, max: number }}
 */
export function summarize(samples) {
  const sorted = samples.filter(Number.isFinite).sort((a, b) => a - b)
  return {
    count: sorted.length,
    min: sorted.length ? sorted[0] : Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  }
}

/** 2345 → "2.3 s"; what the page prints. */
export const seconds = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '–')

/**
 * A rolling window of the last `size` samples: the page shows the median of the last few seconds
 * beside the instant value, which jumps by up to a segment as hls.js appends fragments.
 */
export class LatencyWindow {
  constructor(size = 20) {
    this.size = size
    this.samples = []
  }

  add(ms) {
    if (!Number.isFinite(ms)) return
    this.samples.push(ms)
    if (this.samples.length > this.size) this.samples.shift()
  }

  clear() {
    this.samples = []
  }

  summary() {
    return summarize(this.samples)
  }
}
