import { AppError } from '@wired/runtime'
import type { LatLon } from '../../shared/city'
import type { CancelledBy, RideStatus } from '../../shared/ride-status'

/**
 * A ride and the only ways it may change. Every accepted change becomes one event on
 * rides.lifecycle (key = ride id), so this table is also the list of events a ride can emit:
 *
 *   requested ──accept──▶ accepted ──arrive──▶ arrived ──start──▶ started ──complete──▶ completed
 *       │                    │                    │
 *       └──────── cancel (rider, driver once assigned, system when nobody accepts) ──▶ cancelled
 */
export type { CancelledBy, RideStatus }

export interface Ride {
  id: string
  riderId: string
  driverId: string | null
  status: RideStatus
  pickup: LatLon
  dropoff: LatLon
  fareCents: number
  surgeMultiplier: number
  cellId: string
  requestedAt: number
  updatedAt: number
  cancelledBy: CancelledBy | null
  cancelReason: string | null
  /** 1 when requested, +1 per change: the `seq` of the change's event. */
  version: number
}

export type RideAction =
  | { kind: 'accept'; driverId: string }
  | { kind: 'arrive'; driverId: string }
  | { kind: 'start'; driverId: string }
  | { kind: 'complete'; driverId: string }
  | { kind: 'cancel'; by: CancelledBy; actorId: string; reason: string }

const DRIVER_STEPS = {
  accept: { from: 'requested', to: 'accepted' },
  arrive: { from: 'accepted', to: 'arrived' },
  start: { from: 'arrived', to: 'started' },
  complete: { from: 'started', to: 'completed' },
} as const satisfies Record<string, { from: RideStatus; to: RideStatus }>

const CANCELLABLE: Record<CancelledBy, readonly RideStatus[]> = {
  rider: ['requested', 'accepted', 'arrived'],
  driver: ['accepted', 'arrived'],
  system: ['requested'],
}

export function isActive(status: RideStatus): boolean {
  return status !== 'completed' && status !== 'cancelled'
}

/**
 * The ride after `action`, or the same ride object when the action was already applied by the
 * same actor: MQTT QoS 1 and Kafka both deliver at least once, so a repeated "arrived" must be a
 * harmless no-op rather than an error. Anything else out of order is FAILED_PRECONDITION; an
 * actor who is not part of the ride gets PERMISSION_DENIED.
 */
export function applyRideAction(ride: Ride, action: RideAction, now: number): Ride {
  if (action.kind === 'cancel') return cancel(ride, action, now)
  const step = DRIVER_STEPS[action.kind]
  if (action.kind !== 'accept' && ride.driverId !== action.driverId)
    throw new AppError('PERMISSION_DENIED', `driver ${action.driverId} is not assigned to ride ${ride.id}`)
  if (ride.status === step.to && ride.driverId === action.driverId) return ride
  if (ride.status !== step.from)
    throw new AppError('FAILED_PRECONDITION', `cannot ${action.kind} ride ${ride.id}: it is ${ride.status}`, {
      status: ride.status,
    })
  return { ...ride, status: step.to, driverId: action.driverId, updatedAt: now, version: ride.version + 1 }
}

function cancel(ride: Ride, action: Extract<RideAction, { kind: 'cancel' }>, now: number): Ride {
  const party = action.by === 'rider' ? ride.riderId : action.by === 'driver' ? ride.driverId : action.actorId
  if (party !== action.actorId)
    throw new AppError('PERMISSION_DENIED', `${action.by} ${action.actorId} is not part of ride ${ride.id}`)
  if (ride.status === 'cancelled' && ride.cancelledBy === action.by) return ride
  if (!CANCELLABLE[action.by].includes(ride.status))
    throw new AppError('FAILED_PRECONDITION', `${action.by} cannot cancel ride ${ride.id}: it is ${ride.status}`, {
      status: ride.status,
    })
  return {
    ...ride,
    status: 'cancelled',
    cancelledBy: action.by,
    cancelReason: action.reason,
    updatedAt: now,
    version: ride.version + 1,
  }
}
