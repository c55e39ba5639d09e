// Types of latency.js for the Node unit test and the benchmark; the page runs the .js.
export interface LatencySummary {
  count: number
  min: number
  p50: number
  p95: number
  max: number
}
export function latencyMs(nowMs: number, playingDate: Date | number | null | undefined): number | undefined
export function percentile(sorted: number[], p: number): number
export function summarize(samples: number[]): LatencySummary
export function seconds(ms: number): string
export class LatencyWindow {
  constructor(size?: number)
  size: number
  samples: number[]
  add(ms: number): void
  clear(): void
  summary(): LatencySummary
}
