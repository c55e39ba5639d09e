/** Summary statistics. Latencies are kept in milliseconds throughout the lab. */
export interface Summary {
  n: number
  p50: number
  p99: number
  mean: number
  min: number
  max: number
}

/** Percentile by linear interpolation between closest ranks (the common "type 7" definition). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of an empty sample')
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  const lowValue = sorted[low] as number
  const highValue = sorted[high] as number
  return lowValue + (highValue - lowValue) * (rank - low)
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const total = sorted.reduce((sum, value) => sum + value, 0)
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: total / sorted.length,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  }
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  )
}

/**
 * The lab repeats every measurement and reports the median run: one run disturbed by another
 * process on this shared machine moves the result less than it would move a mean.
 */
export function medianOfRuns(runs: readonly Summary[]): Summary {
  return {
    n: runs.reduce((sum, run) => sum + run.n, 0),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    mean: median(runs.map((run) => run.mean)),
    min: Math.min(...runs.map((run) => run.min)),
    max: Math.max(...runs.map((run) => run.max)),
  }
}
