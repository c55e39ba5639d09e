import { describe, expect, it } from 'vitest'
import { STICK_MAX } from '../../shared/movement'
import { emptyTally, progressLine } from './progress'
import { steer } from './steering'

describe('bot steering', () => {
  it('heads for the nearest pickup at full stick, wandering only a little', () => {
    const stick = steer(
      { x: 100, y: 100 },
      [
        { x: 900, y: 900 },
        { x: 100, y: 300 },
      ],
      { angle: 0 },
      () => 0.5,
    )
    expect(Math.hypot(stick.moveX, stick.moveY)).toBeCloseTo(STICK_MAX, -1)
    expect(stick.moveY).toBeGreaterThan(100) // mostly down, toward (100, 300)
    expect(Math.abs(stick.moveX)).toBeLessThan(60)
  })

  it('prints a progress line with rates and the order check', () => {
    const tally = { ...emptyTally(), snapshots: 600, inputs: 590, events: 12, reconcileErrors: [0, 0, 3.3] }
    expect(progressLine(2, 3, tally, 5)).toBe(
      'bots 2/3 playing · snapshots 120/s · inputs 118/s · reconcile error p99 3.30 units · events 12 (all in order)',
    )
  })
})
