import { describe, expect, it } from 'vitest'
import type { RideView } from '../../shared/ride-messages'
import { amountDue } from './payment'

const ride = { rideId: 'r1', riderId: 'alice', status: 'completed', fareCents: 1230 } as RideView

describe('amountDue', () => {
  it('charges the upfront fare of a completed ride to its rider only', () => {
    expect(amountDue(ride, 'alice')).toBe(1230)
    expect(() => amountDue(ride, 'bob')).toThrow(/no ride r1/)
    expect(() => amountDue({ ...ride, status: 'started' }, 'alice')).toThrow(/only completed rides/)
  })
})
