/**
 * The guide's figures, as data, and the rules that turn a measured number into a verdict.
 * Wording here paraphrases the guide (section named in `section`); the figure is quoted as the
 * guide prints it. Verdicts:
 *   - holds: the measured figure is inside the guide's figure (or better, for "at least" claims);
 *   - does not hold: it is not, and a network would not rescue it (or would make it worse);
 *   - holds only at WAN latency: on loopback the protocol is far below the guide's figure, so
 *     the guide's number describes a network path (distance, loss), not the protocol's own cost;
 *   - not measured: the lab could not run it here (e.g. no Kafka broker); said loudly.
 */
export type Verdict = 'holds' | 'does not hold' | 'holds only at WAN latency' | 'not measured'

export type Rule =
  /** A latency the guide gives as a range, compared with a measured p50 in ms. */
  | { kind: 'latency-range'; lowMs: number; highMs: number }
  /** "N-M times better": holds from N up; below N it may still hold on a WAN path (`wan`). */
  | { kind: 'ratio'; low: number; high: number }
  /** A count the guide states exactly; holds within a relative tolerance. */
  | { kind: 'near'; value: number; tolerance: number }
  /** A saving of at least this many percent. */
  | { kind: 'at-least'; value: number }
  /** An ordering: the measured value is the number of pairs measured in the opposite order. */
  | { kind: 'order' }

export interface Claim {
  id: string
  section: string
  claim: string
  guideFigure: string
  measuredAs: string
  rule: Rule
}

export interface Measurement {
  value: number
  display: string
  /** The same quantity on an impaired, WAN-like path, where the lab measures one. */
  wan?: { value: number; display: string }
  /** One clause of context appended to the reason. */
  note?: string
}

export type Evidence = Measurement | { unavailable: string }

export interface Judgement {
  verdict: Verdict
  reason: string
}

const ms = (value: number) =>
  value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(value < 10 ? 2 : 1)} ms`
const withNote = (reason: string, measurement: Measurement) =>
  measurement.note ? `${reason}; ${measurement.note}` : reason

export function judge(claim: Claim, evidence: Evidence): Judgement {
  if ('unavailable' in evidence) return { verdict: 'not measured', reason: `NOT MEASURED: ${evidence.unavailable}` }
  const { rule } = claim
  const value = evidence.value
  switch (rule.kind) {
    case 'latency-range': {
      if (value > rule.highMs)
        return {
          verdict: 'does not hold',
          reason: withNote(`${ms(value)} is slower than the guide's range even on loopback`, evidence),
        }
      if (value >= rule.lowMs)
        return {
          verdict: 'holds',
          reason: withNote(`${ms(value)} is inside ${rule.lowMs}-${rule.highMs} ms`, evidence),
        }
      const factor = rule.lowMs / value
      return {
        verdict: 'holds only at WAN latency',
        reason: withNote(
          `${ms(value)} on loopback, ${factor >= 10 ? factor.toFixed(0) : factor.toFixed(1)}x under the guide's floor: the rest is network distance and server work`,
          evidence,
        ),
      }
    }
    case 'ratio': {
      if (value >= rule.low) {
        const beyond = value > rule.high ? ", beyond the guide's range" : ''
        return { verdict: 'holds', reason: withNote(`measured ${evidence.display}${beyond}`, evidence) }
      }
      if (evidence.wan && evidence.wan.value >= rule.low)
        return {
          verdict: 'holds only at WAN latency',
          reason: withNote(
            `${evidence.display} on loopback, ${evidence.wan.display} on a lossy WAN-like path`,
            evidence,
          ),
        }
      return {
        verdict: 'does not hold',
        reason: withNote(`measured ${evidence.display}, not ${rule.low}-${rule.high}x`, evidence),
      }
    }
    case 'near': {
      const off = Math.abs(value - rule.value) / rule.value
      if (off <= rule.tolerance) return { verdict: 'holds', reason: withNote(`measured ${evidence.display}`, evidence) }
      const direction = value > rule.value ? 'more' : 'less'
      return {
        verdict: 'does not hold',
        reason: withNote(
          `measured ${evidence.display}, ${(off * 100).toFixed(0)}% ${direction} than the guide's ${rule.value}`,
          evidence,
        ),
      }
    }
    case 'at-least':
      return value >= rule.value
        ? { verdict: 'holds', reason: withNote(`measured ${evidence.display}`, evidence) }
        : {
            verdict: 'does not hold',
            reason: withNote(`measured ${evidence.display}, short of ${rule.value}%`, evidence),
          }
    case 'order':
      return value === 0
        ? { verdict: 'holds', reason: withNote('every pair the guide orders is measured in that order', evidence) }
        : { verdict: 'does not hold', reason: withNote(`${value} pair(s) measured in the opposite order`, evidence) }
  }
}

/** The latency column of the guide's comparison matrix, in ms. */
export const matrixLatencyMs: Record<string, [number, number]> = {
  REST: [50, 100],
  gRPC: [5, 10],
  WebSocket: [1, 5],
  GraphQL: [50, 100],
  SSE: [10, 20],
  Kafka: [10, 50],
  MQTT: [5, 10],
}

/**
 * Pairs the guide puts in a definite order (A's range ends where B's starts, or before) but the
 * lab measured the other way round. Overlapping or equal ranges say nothing about order.
 */
export function orderInversions(
  ranges: Record<string, [number, number]>,
  measuredMs: Record<string, number>,
): string[] {
  const names = Object.keys(measuredMs).filter((name) => ranges[name])
  const inversions: string[] = []
  for (const a of names)
    for (const b of names) {
      const [aLow, aHigh] = ranges[a] as [number, number]
      const [bLow, bHigh] = ranges[b] as [number, number]
      const guideSaysFaster = aHigh <= bLow && !(aLow === bLow && aHigh === bHigh)
      if (guideSaysFaster && (measuredMs[a] as number) > (measuredMs[b] as number))
        inversions.push(`${a} (${ms(measuredMs[a] as number)}) slower than ${b} (${ms(measuredMs[b] as number)})`)
    }
  return inversions
}

export { ms as formatMs }
