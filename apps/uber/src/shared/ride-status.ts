/** The statuses a ride goes through; the transitions live in matching/domain/ride.ts. */
export const RIDE_STATUSES = ['requested', 'accepted', 'arrived', 'started', 'completed', 'cancelled'] as const
export type RideStatus = (typeof RIDE_STATUSES)[number]

/** Who ended a ride early: the rider, the driver, or matching when nobody accepted. */
export type CancelledBy = 'rider' | 'driver' | 'system'
