import { describe, expect, it } from 'vitest'
import type { RideView } from '../../shared/ride-messages'
import { parseRiderFrame, trackingFor } from './rider-frames'

describe('parseRiderFrame', () => {
  it('reads watch and cancel frames and refuses the rest', () => {
    expect(parseRiderFrame({ type: 'watch', at: { lat: 52.5, lon: 13.4 } })).toEqual({
      type: 'watch',
      at: { lat: 52.5, lon: 13.4 },
    })
    expect(parseRiderFrame({ type: 'cancel', rideId: 'r1' })).toEqual({ type: 'cancel', rideId: 'r1', reason: '' })
    expect(() => parseRiderFrame({ type: 'cancel' })).toThrow(/rideId/)
    expect(() => parseRiderFrame({ type: 'watch', at: { lat: 100, lon: 0 } })).toThrow(/lat/)
    expect(() => parseRiderFrame({ type: 'teleport' })).toThrow(/frame type/)
  })
})

describe('trackingFor', () => {
  const ride = { rideId: 'r1', riderId: 'a', driverId: 'd1' } as RideView
  it('watches the driver towards the pickup, then the drop-off, then not at all', () => {
    expect(trackingFor({ ...ride, status: 'accepted' })).toEqual({ driverId: 'd1', target: 'pickup' })
    expect(trackingFor({ ...ride, status: 'arrived' })).toEqual({ driverId: 'd1', target: 'pickup' })
    expect(trackingFor({ ...ride, status: 'started' })).toEqual({ driverId: 'd1', target: 'dropoff' })
    expect(trackingFor({ ...ride, status: 'completed' })).toBeUndefined()
    expect(trackingFor({ ...ride, status: 'requested', driverId: null })).toBeUndefined()
  })
})
