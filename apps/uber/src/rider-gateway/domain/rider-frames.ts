import { AppError } from '@wired/runtime'
import { type LatLon, parseLatLon } from '../../shared/city'
import type { RideView } from '../../shared/ride-messages'

/**
 * The rider's WebSocket protocol (JSON text frames).
 *
 * rider → gateway
 *   {type:'watch', at:{lat,lon}}               show me the cars around this point (every 2 s)
 *   {type:'cancel', rideId, reason?}           cancel my ride (the driver is told at once)
 * gateway → rider
 *   {type:'ride', ride}                        a snapshot on connect, then every status change
 *   {type:'driver', rideId, driverId, lat, lon, heading, etaSeconds, target, recordedAt}
 *                                              my driver moved; ETA to the pickup (or, once the
 *                                              trip started, to the drop-off)
 *   {type:'dispatch', rideId, round, rounds, offer, candidates, expiresAt}
 *                                              while the ride is requested: what it waits for
 *                                              (offer 0: searching; else offer N of candidates,
 *                                              answer due at expiresAt)
 *   {type:'nearby', drivers:[{driverId,lat,lon}]}
 *   {type:'error', code, message, ref?}
 */
export type RiderFrame = { type: 'watch'; at: LatLon } | { type: 'cancel'; rideId: string; reason: string }

export function parseRiderFrame(frame: Record<string, unknown>): RiderFrame {
  if (frame.type === 'watch') return { type: 'watch', at: parseLatLon(frame.at, 'at') }
  if (frame.type === 'cancel') {
    if (typeof frame.rideId !== 'string' || frame.rideId === '')
      throw new AppError('INVALID_ARGUMENT', 'cancel needs the rideId')
    const reason = typeof frame.reason === 'string' ? frame.reason.slice(0, 200) : ''
    return { type: 'cancel', rideId: frame.rideId, reason }
  }
  throw new AppError('INVALID_ARGUMENT', "frame type must be 'watch' or 'cancel'")
}

export interface DriverFrame {
  type: 'driver'
  rideId: string
  driverId: string
  lat: number
  lon: number
  heading: number
  etaSeconds: number
  target: 'pickup' | 'dropoff'
  /**
   * The driver's phone clock when the fix was taken: the rider app can show its age. Never 0:
   * the first frame after acceptance carries the time GetDriverPosition reports.
   */
  recordedAt: number
}

/** Where the search for a driver stands (from Kafka rides.dispatch). */
export interface DispatchFrame {
  type: 'dispatch'
  rideId: string
  /** The search round (1-based) of `rounds`; after the last, the ride is cancelled. */
  round: number
  rounds: number
  /** 0 while searching; else the ride is offered to the offer-th of `candidates` ranked drivers. */
  offer: number
  candidates: number
  /** When that driver's time to answer runs out (ms since the epoch); 0 while searching. */
  expiresAt: number
}

export type EtaTarget = 'pickup' | 'dropoff'

/** Whose position the rider watches, and towards what, for each ride status. */
export function trackingFor(ride: RideView): { driverId: string; target: EtaTarget } | undefined {
  if (!ride.driverId) return undefined
  if (ride.status === 'accepted' || ride.status === 'arrived') return { driverId: ride.driverId, target: 'pickup' }
  if (ride.status === 'started') return { driverId: ride.driverId, target: 'dropoff' }
  return undefined
}
