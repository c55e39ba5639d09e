import { AppError } from '@wired/runtime'
import type { RideView } from '../../shared/ride-messages'

export const PAYMENT_METHODS = ['card', 'cash', 'wallet'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

/**
 * What a rider owes for a ride, if anything: the upfront fare (surge included), and only once
 * the ride is completed. The amount never comes from the client.
 */
export function amountDue(ride: RideView, riderId: string): number {
  // Another rider's ride is reported as missing, not forbidden: ride ids are not to be probed.
  if (ride.riderId !== riderId) throw new AppError('NOT_FOUND', `no ride ${ride.rideId}`)
  if (ride.status !== 'completed')
    throw new AppError('FAILED_PRECONDITION', `ride ${ride.rideId} is ${ride.status}; only completed rides are paid`)
  return ride.fareCents
}
