import type { GrpcClient } from '@wired/grpc'
import type { LocationServiceService } from '@wired/proto/uber/v1/location'
import type { Logger } from '@wired/runtime'
import { type City, createEtaField, type EtaField, type LatLon } from '../shared/city'
import type { LivePosition } from '../shared/contracts/live-positions'
import type { RideView } from '../shared/contracts/ride-messages'
import type { DriverPositionFeed } from './adapters/driver-positions'
import { type DriverFrame, type EtaTarget, trackingFor } from './domain/rider-frames'

export interface RiderConnection {
  send(frame: object): boolean
}

interface Tracking {
  rideId: string
  driverId: string
  target: EtaTarget
  eta: EtaField
}

interface RiderSession {
  connections: Set<RiderConnection>
  ride?: RideView
  tracking?: Tracking
  nearbyCenter?: LatLon
}

/**
 * The riders connected to this gateway and what each one follows. Ride views come from the
 * snapshot at connect (RideService.GetActiveRide) and from rides.lifecycle; the highest version
 * wins, so a late or repeated event never rolls a ride back.
 */
export class RiderSessions {
  private readonly sessions = new Map<string, RiderSession>()
  /** driverId → riders watching that driver. */
  private readonly watchers = new Map<string, Set<string>>()
  private feed: DriverPositionFeed | undefined

  constructor(
    private readonly city: City,
    private readonly location: GrpcClient<typeof LocationServiceService>,
    private readonly logger: Logger,
  ) {}

  attachFeed(feed: DriverPositionFeed): void {
    this.feed = feed
  }

  join(riderId: string, connection: RiderConnection): void {
    const session = this.sessions.get(riderId) ?? { connections: new Set() }
    session.connections.add(connection)
    this.sessions.set(riderId, session)
  }

  leave(riderId: string, connection: RiderConnection): void {
    const session = this.sessions.get(riderId)
    if (!session) return
    session.connections.delete(connection)
    if (session.connections.size > 0) return
    this.sessions.delete(riderId)
    this.track(riderId, session, undefined)
  }

  watchNearby(riderId: string, at: LatLon): void {
    const session = this.sessions.get(riderId)
    if (session) session.nearbyCenter = at
  }

  nearbyCenters(): [string, LatLon][] {
    return [...this.sessions].flatMap(([riderId, session]) =>
      session.nearbyCenter ? [[riderId, session.nearbyCenter] as [string, LatLon]] : [],
    )
  }

  sendTo(riderId: string, frame: object): void {
    for (const connection of this.sessions.get(riderId)?.connections ?? []) connection.send(frame)
  }

  /** A ride view from any source; riders not connected here are none of this gateway's business. */
  updateRide(view: RideView): void {
    const session = this.sessions.get(view.riderId)
    if (!session) return
    if (session.ride?.rideId === view.rideId && session.ride.version >= view.version) return
    session.ride = view
    this.sendTo(view.riderId, { type: 'ride', ride: view })
    const next = trackingFor(view)
    this.track(view.riderId, session, next && { rideId: view.rideId, ...next })
  }

  onPosition(live: LivePosition): void {
    for (const riderId of this.watchers.get(live.driverId) ?? []) {
      const tracking = this.sessions.get(riderId)?.tracking
      if (tracking) this.sendTo(riderId, driverFrame(tracking, live))
    }
  }

  private track(riderId: string, session: RiderSession, next: Omit<Tracking, 'eta'> | undefined): void {
    const current = session.tracking
    if (current && next && current.driverId === next.driverId && current.target === next.target) return
    if (current) {
      this.watchers.get(current.driverId)?.delete(riderId)
      void this.feed?.unwatch(current.driverId)
      session.tracking = undefined
    }
    if (!next || !session.ride) return
    const destination = next.target === 'pickup' ? session.ride.pickup : session.ride.dropoff
    // One shortest-path run per ride leg; every later fix is a lookup.
    const tracking = { ...next, eta: createEtaField(this.city, destination) }
    session.tracking = tracking
    const watching = this.watchers.get(next.driverId) ?? new Set<string>()
    watching.add(riderId)
    this.watchers.set(next.driverId, watching)
    void this.feed?.watch(next.driverId)
    // Show the car at once instead of waiting up to 4 s for its next fix.
    this.location
      .getDriverPosition({ driverId: next.driverId })
      .then(({ position }) => {
        if (position && session.tracking === tracking)
          this.sendTo(
            riderId,
            driverFrame(tracking, { driverId: next.driverId, ...position, heading: 0, recordedAt: 0, receivedAt: 0 }),
          )
      })
      .catch((error: unknown) => this.logger.debug({ err: error }, 'no position yet for the driver'))
  }
}

function driverFrame(tracking: Tracking, live: LivePosition): DriverFrame {
  return {
    type: 'driver',
    rideId: tracking.rideId,
    driverId: live.driverId,
    lat: live.lat,
    lon: live.lon,
    heading: live.heading,
    etaSeconds: Math.round(tracking.eta(live)),
    target: tracking.target,
    recordedAt: live.recordedAt,
  }
}
