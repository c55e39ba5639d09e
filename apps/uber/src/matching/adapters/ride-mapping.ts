import type { Ride as RideMessage } from '@wired/proto/uber/v1/common'
import type { RideEvent } from '@wired/proto/uber/v1/events'
import { statusToMessage } from '../../shared/ride-messages'
import type { Ride } from '../domain/ride'

/** The domain ride as the gRPC message RideService answers with. */
export function rideToMessage(ride: Ride): RideMessage {
  return {
    rideId: ride.id,
    riderId: ride.riderId,
    driverId: ride.driverId ?? '',
    status: statusToMessage(ride.status),
    pickup: ride.pickup,
    dropoff: ride.dropoff,
    fareCents: ride.fareCents,
    surgeMultiplier: ride.surgeMultiplier,
    requestedAtMs: ride.requestedAt,
    updatedAtMs: ride.updatedAt,
    cancelledBy: ride.cancelledBy ?? '',
    cancelReason: ride.cancelReason ?? '',
    version: ride.version,
  }
}

/** The event a ride emits when it enters its current status (seq = the ride's version). */
export function rideToEvent(ride: Ride): RideEvent {
  return {
    rideId: ride.id,
    seq: ride.version,
    status: statusToMessage(ride.status),
    riderId: ride.riderId,
    driverId: ride.driverId ?? '',
    occurredAtMs: ride.updatedAt,
    pickup: ride.pickup,
    dropoff: ride.dropoff,
    fareCents: ride.fareCents,
    surgeMultiplier: ride.surgeMultiplier,
    cellId: ride.cellId,
    cancelledBy: ride.cancelledBy ?? '',
    reason: ride.cancelReason ?? '',
    requestedAtMs: ride.requestedAt,
  }
}
