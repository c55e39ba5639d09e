import { describe, expect, it } from 'vitest'
import { applyRideAction, type Ride } from './ride'

const requested: Ride = {
  id: 'r1',
  riderId: 'alice',
  driverId: null,
  status: 'requested',
  pickup: { lat: 52.5, lon: 13.35 },
  dropoff: { lat: 52.51, lon: 13.36 },
  fareCents: 1200,
  surgeMultiplier: 1,
  cellId: 'c0r0',
  requestedAt: 0,
  updatedAt: 0,
  cancelledBy: null,
  cancelReason: null,
  version: 1,
}

describe('applyRideAction', () => {
  it('walks a ride from requested to completed, one version per step', () => {
    let ride = applyRideAction(requested, { kind: 'accept', driverId: 'd1' }, 1)
    ride = applyRideAction(ride, { kind: 'arrive', driverId: 'd1' }, 2)
    ride = applyRideAction(ride, { kind: 'start', driverId: 'd1' }, 3)
    ride = applyRideAction(ride, { kind: 'complete', driverId: 'd1' }, 4)
    expect(ride).toMatchObject({ status: 'completed', driverId: 'd1', version: 5, updatedAt: 4 })
  })

  it('treats a repeated step by the same driver as a no-op (at-least-once delivery)', () => {
    const accepted = applyRideAction(requested, { kind: 'accept', driverId: 'd1' }, 1)
    expect(applyRideAction(accepted, { kind: 'accept', driverId: 'd1' }, 2)).toBe(accepted)
  })

  it('refuses steps out of order and drivers who are not assigned', () => {
    expect(() => applyRideAction(requested, { kind: 'start', driverId: 'd1' }, 1)).toThrow(/not assigned/)
    const accepted = applyRideAction(requested, { kind: 'accept', driverId: 'd1' }, 1)
    expect(() => applyRideAction(accepted, { kind: 'accept', driverId: 'd2' }, 2)).toThrow(/it is accepted/)
    expect(() => applyRideAction(accepted, { kind: 'complete', driverId: 'd1' }, 2)).toThrow(/it is accepted/)
    expect(() => applyRideAction(accepted, { kind: 'arrive', driverId: 'd2' }, 2)).toThrow(/not assigned/)
  })

  it('lets the rider cancel until the trip starts, and the driver once assigned', () => {
    const byRider = applyRideAction(
      requested,
      { kind: 'cancel', by: 'rider', actorId: 'alice', reason: 'changed plans' },
      1,
    )
    expect(byRider).toMatchObject({ status: 'cancelled', cancelledBy: 'rider', cancelReason: 'changed plans' })
    expect(() => applyRideAction(requested, { kind: 'cancel', by: 'driver', actorId: 'd1', reason: 'x' }, 1)).toThrow(
      /not part of ride/,
    )
    const accepted = applyRideAction(requested, { kind: 'accept', driverId: 'd1' }, 1)
    expect(
      applyRideAction(accepted, { kind: 'cancel', by: 'driver', actorId: 'd1', reason: 'flat tyre' }, 2).status,
    ).toBe('cancelled')
    const started = { ...accepted, status: 'started' as const }
    expect(() => applyRideAction(started, { kind: 'cancel', by: 'rider', actorId: 'alice', reason: 'x' }, 3)).toThrow(
      /cannot cancel/,
    )
  })

  it('refuses another rider and lets the system cancel only unassigned rides', () => {
    expect(() => applyRideAction(requested, { kind: 'cancel', by: 'rider', actorId: 'bob', reason: 'x' }, 1)).toThrow(
      /not part of ride/,
    )
    const accepted = applyRideAction(requested, { kind: 'accept', driverId: 'd1' }, 1)
    expect(() =>
      applyRideAction(accepted, { kind: 'cancel', by: 'system', actorId: 'matching', reason: 'no driver' }, 2),
    ).toThrow(/cannot cancel/)
  })
})
