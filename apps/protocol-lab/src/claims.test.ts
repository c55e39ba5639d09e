import { describe, expect, it } from 'vitest'
import { claims } from './claim-list'
import { type Claim, judge, matrixLatencyMs, orderInversions } from './claims'

const claim = (rule: Claim['rule']): Claim => ({
  id: 't',
  section: 's',
  claim: 'c',
  guideFigure: 'g',
  measuredAs: 'm',
  rule,
})

describe('judge', () => {
  const range = claim({ kind: 'latency-range', lowMs: 5, highMs: 10 })

  it('a latency inside the range holds, above it does not, far below it holds only at WAN latency', () => {
    expect(judge(range, { value: 7, display: '7 ms' }).verdict).toBe('holds')
    expect(judge(range, { value: 5, display: '5 ms' }).verdict).toBe('holds')
    expect(judge(range, { value: 12, display: '12 ms' }).verdict).toBe('does not hold')
    const below = judge(range, { value: 0.5, display: '500 µs' })
    expect(below.verdict).toBe('holds only at WAN latency')
    expect(below.reason).toContain('10x under')
  })

  it('a ratio holds from its low end up, and below it only if the WAN measurement reaches it', () => {
    const ratio = claim({ kind: 'ratio', low: 2, high: 4 })
    expect(judge(ratio, { value: 3, display: '3x' }).verdict).toBe('holds')
    expect(judge(ratio, { value: 6, display: '6x' }).reason).toContain('beyond')
    expect(judge(ratio, { value: 1, display: '1x' }).verdict).toBe('does not hold')
    expect(judge(ratio, { value: 1, display: '1x', wan: { value: 2.5, display: '2.5x' } }).verdict).toBe(
      'holds only at WAN latency',
    )
    expect(judge(ratio, { value: 1, display: '1x', wan: { value: 1.5, display: '1.5x' } }).verdict).toBe(
      'does not hold',
    )
  })

  it('an exact figure holds within its tolerance only', () => {
    const near = claim({ kind: 'near', value: 100, tolerance: 0.05 })
    expect(judge(near, { value: 104, display: '104' }).verdict).toBe('holds')
    const off = judge(near, { value: 80, display: '80' })
    expect(off.verdict).toBe('does not hold')
    expect(off.reason).toContain('20% less')
    expect(judge(claim({ kind: 'near', value: 2, tolerance: 0 }), { value: 3, display: '3' }).verdict).toBe(
      'does not hold',
    )
  })

  it('an "at least" saving holds at or above the figure', () => {
    const atLeast = claim({ kind: 'at-least', value: 90 })
    expect(judge(atLeast, { value: 90, display: '90%' }).verdict).toBe('holds')
    expect(judge(atLeast, { value: 89.9, display: '89.9%' }).verdict).toBe('does not hold')
  })

  it('an ordering holds only with no inversions, and the note names them', () => {
    const order = claim({ kind: 'order' })
    expect(judge(order, { value: 0, display: '0' }).verdict).toBe('holds')
    const inverted = judge(order, { value: 1, display: '1', note: 'gRPC slower than REST' })
    expect(inverted.verdict).toBe('does not hold')
    expect(inverted.reason).toContain('gRPC slower than REST')
  })

  it('a missing measurement is "not measured", loudly, whatever the rule', () => {
    const result = judge(range, { unavailable: 'no Kafka broker' })
    expect(result).toEqual({ verdict: 'not measured', reason: 'NOT MEASURED: no Kafka broker' })
  })
})

describe('orderInversions', () => {
  it('reports pairs the guide orders that were measured the other way round', () => {
    const inversions = orderInversions(matrixLatencyMs, { WebSocket: 0.3, gRPC: 0.8, REST: 0.3, SSE: 0.4 })
    // The guide puts gRPC (5-10) before SSE (10-20) and both before REST (50-100); WebSocket
    // (1-5) before gRPC holds, and WebSocket level with REST is no inversion.
    expect(inversions.sort()).toEqual([
      'SSE (400 µs) slower than REST (300 µs)',
      'gRPC (800 µs) slower than REST (300 µs)',
      'gRPC (800 µs) slower than SSE (400 µs)',
    ])
  })

  it('says nothing about overlapping or equal ranges', () => {
    expect(orderInversions(matrixLatencyMs, { gRPC: 9, MQTT: 1, SSE: 40, Kafka: 11 })).toEqual([])
  })
})

describe('the claim list', () => {
  it('has unique ids and a guide figure for every claim', () => {
    expect(new Set(claims.map((entry) => entry.id)).size).toBe(claims.length)
    for (const entry of claims) expect(entry.guideFigure).not.toBe('')
  })
})
