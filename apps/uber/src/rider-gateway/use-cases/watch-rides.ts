import type { GrpcClient } from '@wired/grpc'
import type { DispatchProgress } from '@wired/proto/uber/v1/events'
import type { LocationServiceService } from '@wired/proto/uber/v1/location'
import type { Logger } from '@wired/runtime'
import { type City, createEtaField, type EtaField, type LatLon } from '../../shared/city'
import type { LivePosition } from '../../shared/live-positions'
import type { RideView } from '../../shared/ride-messages'
import type { DriverPositionFeed } from '../adapters/driver-positions'
import { type DispatchFrame, type DriverFrame, type EtaTarget, trackingFor } from '../domain/rider-frames'

export interface RiderConnection {
  send(frame: object): boolean
}

interface Tracking {
  rideId: string
  driverId: string
  target: EtaTarget
  eta: EtaField
  /** recordedAt of the newest fix sent for this leg: an older one would move the car backwards. */
  sentUpTo: number
}

interface RiderSession {
  connections: Set<RiderConnection>
  ride?: RideView
  tracking?: Tracking
  nearbyCenter?: LatLon
  /** The latest dispatch step sent for the rider's ride. */
  dispatch?: DispatchProgress
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

  /** Where the search for the rider's driver stands; nothing once the ride has moved past requested. */
  onDispatch(step: DispatchProgress): void {
    const session = this.sessions.get(step.riderId)
    if (!session) return
    if (session.ride?.rideId === step.rideId && session.ride.status !== 'requested') return
    const last = session.dispatch?.rideId === step.rideId ? session.dispatch : undefined
    if (last && (step.round < last.round || (step.round === last.round && step.offer < last.offer))) return
    session.dispatch = step
    this.sendTo(step.riderId, dispatchFrame(step))
  }

  onPosition(live: LivePosition): void {
    for (const riderId of this.watchers.get(live.driverId) ?? []) {
      const tracking = this.sessions.get(riderId)?.tracking
      if (tracking) this.sendPosition(riderId, tracking, live)
    }
  }

  private sendPosition(riderId: string, tracking: Tracking, live: Omit<LivePosition, 'receivedAt'>): void {
    // No time, no frame: a fix without one cannot be ordered against the live ones.
    if (!(live.recordedAt > 0) || live.recordedAt < tracking.sentUpTo) return
    tracking.sentUpTo = live.recordedAt
    this.sendTo(riderId, driverFrame(tracking, live))
  }

  private track(riderId: string, session: RiderSession, next: Omit<Tracking, 'eta' | 'sentUpTo'> | undefined): void {
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
    const tracking: Tracking = { ...next, eta: createEtaField(this.city, destination), sentUpTo: 0 }
    session.tracking = tracking
    const watching = this.watchers.get(next.driverId) ?? new Set<string>()
    watching.add(riderId)
    this.watchers.set(next.driverId, watching)
    void this.feed?.watch(next.driverId)
    // Show the car at once instead of waiting up to 4 s for its next fix. The answer may come
    // after a live fix already went out: its recordedAt tells, and sendPosition drops it then.
    this.location
      .getDriverPosition({ driverId: next.driverId })
      .then(({ position, recordedAtMs, headingDegrees }) => {
        if (!position || session.tracking !== tracking) return
        this.sendPosition(riderId, tracking, {
          driverId: next.driverId,
          ...position,
          heading: headingDegrees,
          recordedAt: recordedAtMs,
        })
      })
      .catch((error: unknown) => this.logger.debug({ err: error }, 'no position yet for the driver'))
  }
}

function dispatchFrame(step: DispatchProgress): DispatchFrame {
  return {
    type: 'dispatch',
    rideId: step.rideId,
    round: step.round,
    rounds: step.rounds,
    offer: step.offer,
    candidates: step.candidates,
    expiresAt: step.expiresAtMs,
  }
}

function driverFrame(tracking: Tracking, live: Omit<LivePosition, 'receivedAt'>): DriverFrame {
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
