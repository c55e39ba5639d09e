import { type Ride as RideMessage, RideStatus as RideStatusMessage } from '@wired/proto/uber/v1/common'
import type { RideEvent } from '@wired/proto/uber/v1/events'
import type { CancelledBy, RideStatus } from './ride-status'

/** Domain statuses are strings (readable in SQL and JSON); on the wire they are a protobuf enum. */
const TO_MESSAGE: Record<RideStatus, RideStatusMessage> = {
  requested: RideStatusMessage.REQUESTED,
  accepted: RideStatusMessage.ACCEPTED,
  arrived: RideStatusMessage.ARRIVED,
  started: RideStatusMessage.STARTED,
  completed: RideStatusMessage.COMPLETED,
  cancelled: RideStatusMessage.CANCELLED,
}

export function statusToMessage(status: RideStatus): RideStatusMessage {
  return TO_MESSAGE[status]
}

export function statusFromMessage(status: RideStatusMessage): RideStatus {
  const found = (Object.entries(TO_MESSAGE) as [RideStatus, RideStatusMessage][]).find(([, value]) => value === status)
  if (!found) throw new Error(`unknown ride status ${status}`)
  return found[0]
}

/** The JSON view of a ride that REST and the rider's WebSocket send (no internal fields). */
export interface RideView {
  rideId: string
  riderId: string
  status: RideStatus
  driverId: string | null
  pickup: { lat: number; lon: number }
  dropoff: { lat: number; lon: number }
  fareCents: number
  surgeMultiplier: number
  requestedAt: number
  updatedAt: number
  cancelledBy: CancelledBy | null
  cancelReason: string | null
  /** Grows by one per change: a client keeps the view with the highest version. */
  version: number
}

export function rideView(message: RideMessage): RideView {
  return {
    rideId: message.rideId,
    riderId: message.riderId,
    status: statusFromMessage(message.status),
    driverId: message.driverId || null,
    pickup: message.pickup ?? { lat: 0, lon: 0 },
    dropoff: message.dropoff ?? { lat: 0, lon: 0 },
    fareCents: message.fareCents,
    surgeMultiplier: message.surgeMultiplier,
    requestedAt: message.requestedAtMs,
    updatedAt: message.updatedAtMs,
    cancelledBy: (message.cancelledBy || null) as CancelledBy | null,
    cancelReason: message.cancelReason || null,
    version: message.version,
  }
}

/** The same view from a lifecycle event (the event carries the whole ride). */
export function rideViewFromEvent(event: RideEvent): RideView {
  return {
    rideId: event.rideId,
    riderId: event.riderId,
    status: statusFromMessage(event.status),
    driverId: event.driverId || null,
    pickup: event.pickup ?? { lat: 0, lon: 0 },
    dropoff: event.dropoff ?? { lat: 0, lon: 0 },
    fareCents: event.fareCents,
    surgeMultiplier: event.surgeMultiplier,
    requestedAt: event.requestedAtMs,
    updatedAt: event.occurredAtMs,
    cancelledBy: (event.cancelledBy || null) as CancelledBy | null,
    cancelReason: event.reason || null,
    version: event.seq,
  }
}
