/** Percentiles of a sample (nearest-rank), in the sample's unit. */
export function percentiles(values: number[]): { p50: number; p99: number; max: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  return { p50: at(50), p99: at(99), max: sorted.at(-1) ?? Number.NaN, n: sorted.length }
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits
