/**
 * What the loss/latency proxy does to the link, the three knobs of Linux's `tc netem` that matter
 * for a game: how many datagrams vanish, how late everything arrives, and how uneven that lateness
 * is. Pure: the random source is a parameter, so tests replay the same "bad network" exactly.
 */
export interface LinkConditions {
  /** Probability (in %) that one UDP datagram is lost, per direction. */
  dropPercent: number
  /** Added one-way delay, per direction. */
  delayMs: number
  /** Each packet's delay is delayMs ± up to jitterMs (uniform). */
  jitterMs: number
}

export const CONDITION_LIMITS = {
  dropPercent: { min: 0, max: 50 },
  delayMs: { min: 0, max: 1000 },
  jitterMs: { min: 0, max: 500 },
} as const

export const PERFECT_LINK: LinkConditions = { dropPercent: 0, delayMs: 0, jitterMs: 0 }

/** A number in [0, 1), like Math.random. */
export type RandomSource = () => number

/** Whether this datagram is lost. One draw per datagram, so losses are independent (Bernoulli). */
export function shouldDrop(conditions: LinkConditions, random: RandomSource): boolean {
  return conditions.dropPercent > 0 && random() * 100 < conditions.dropPercent
}

/** This packet's one-way delay: delayMs plus uniform jitter in [-jitterMs, +jitterMs], never below 0. */
export function sampleDelay(conditions: LinkConditions, random: RandomSource): number {
  if (conditions.jitterMs === 0) return conditions.delayMs
  return Math.max(0, conditions.delayMs + (random() * 2 - 1) * conditions.jitterMs)
}

/** A one-line reason why `value` is not a valid set of conditions, or undefined if it is. */
export function conditionsProblem(value: Record<string, unknown>): string | undefined {
  for (const [key, { min, max }] of Object.entries(CONDITION_LIMITS)) {
    const given = value[key]
    if (typeof given !== 'number' || !Number.isFinite(given)) return `${key} must be a number`
    if (given < min || given > max) return `${key} must be between ${min} and ${max}, got ${given}`
  }
  return undefined
}
