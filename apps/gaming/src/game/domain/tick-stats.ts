/**
 * Tick timing, kept as the last N samples (10 s at 60 Hz): duration = how long a step plus its
 * sends took; jitter = how late the tick started against its scheduled time. Percentiles are
 * computed when /metrics is read, not per tick.
 */
export class TickStats {
  private readonly durations: Float64Array
  private readonly lateness: Float64Array
  private count = 0
  ticks = 0

  constructor(private readonly size = 600) {
    this.durations = new Float64Array(size)
    this.lateness = new Float64Array(size)
  }

  record(durationMs: number, latenessMs: number): void {
    const at = this.count % this.size
    this.durations[at] = durationMs
    this.lateness[at] = Math.abs(latenessMs)
    this.count += 1
    this.ticks += 1
  }

  summary() {
    return {
      ticks: this.ticks,
      durationMs: percentiles(this.durations.subarray(0, Math.min(this.count, this.size))),
      jitterMs: percentiles(this.lateness.subarray(0, Math.min(this.count, this.size))),
    }
  }

  reset(): void {
    this.count = 0
  }
}

function percentiles(samples: Float64Array) {
  if (samples.length === 0) return { p50: 0, p99: 0, max: 0 }
  const sorted = Float64Array.from(samples).sort()
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number)
  return { p50: at(0.5), p99: at(0.99), max: round(sorted[sorted.length - 1] as number) }
}

const round = (ms: number) => Math.round(ms * 1000) / 1000
