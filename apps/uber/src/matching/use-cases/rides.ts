import { randomUUID } from 'node:crypto'
import type { GrpcClient } from '@wired/grpc'
import type { PricingServiceService } from '@wired/proto/uber/v1/pricing'
import { AppError } from '@wired/runtime'
import { type City, haversineMetres, type LatLon, locateOnStreet, parseLatLon } from '../../shared/city'
import type { RideActionMessage } from '../../shared/mqtt-topics'
import type { DriverChannel } from '../adapters/driver-channel'
import type { OutboxRelay } from '../adapters/outbox-relay'
import type { RideRepository } from '../adapters/ride-repository'
import { applyRideAction, type Ride, type RideAction } from '../domain/ride'
import type { OfferBook } from './offers'

export interface RidesDeps {
  city: City
  repository: RideRepository
  relay: OutboxRelay
  pricing: GrpcClient<typeof PricingServiceService>
  drivers: DriverChannel
  offers: OfferBook
  /** Starts finding a driver for a freshly requested ride (runs in the background). */
  dispatch(rideId: string): void
  now?: () => number
}

const MIN_TRIP_METRES = 100

/** The ride use cases: each reads validate → check → act → persist → tell the other side. */
export function createRides(deps: RidesDeps) {
  const { city, repository, relay, drivers, offers } = deps
  const now = deps.now ?? Date.now

  async function change(rideId: string, action: RideAction): Promise<Ride> {
    const { ride, changed } = await repository.change(rideId, (current) => applyRideAction(current, action, now()))
    if (changed) relay.kick()
    return ride
  }

  async function requestRide(riderId: string, pickupInput: unknown, dropoffInput: unknown): Promise<Ride> {
    const pickup = onStreet(parseInCity(pickupInput, 'pickup'))
    const dropoff = onStreet(parseInCity(dropoffInput, 'dropoff'))
    if (haversineMetres(pickup, dropoff) < MIN_TRIP_METRES)
      throw new AppError('INVALID_ARGUMENT', `pickup and dropoff must be at least ${MIN_TRIP_METRES} m apart`)
    // A cheap early answer; the unique index on rides is what actually guarantees it under races.
    if (await repository.findActiveByRider(riderId))
      throw new AppError('ALREADY_EXISTS', 'rider already has a ride in progress', { riderId })
    const { quote } = await deps.pricing.getQuote({ pickup, dropoff })
    if (!quote) throw new AppError('UNAVAILABLE', 'pricing returned no quote')
    const at = now()
    const ride: Ride = {
      id: randomUUID(),
      riderId,
      driverId: null,
      status: 'requested',
      pickup,
      dropoff,
      fareCents: quote.fareCents,
      surgeMultiplier: quote.surgeMultiplier,
      cellId: quote.cellId,
      requestedAt: at,
      updatedAt: at,
      cancelledBy: null,
      cancelReason: null,
      version: 1,
    }
    await repository.insertRequested(ride)
    relay.kick()
    deps.dispatch(ride.id)
    return ride
  }

  async function cancelByRider(rideId: string, riderId: string, reason: string): Promise<Ride> {
    const ride = await change(rideId, {
      kind: 'cancel',
      by: 'rider',
      actorId: riderId,
      reason: reason || 'rider cancelled',
    })
    // The other side is told at once, over its own connection: the assigned driver, or the
    // driver currently looking at the offer.
    const told = offers.withdraw(rideId) ?? ride.driverId
    if (told)
      await drivers.sendRideUpdate(told, {
        rideId,
        status: 'cancelled',
        cancelledBy: 'rider',
        reason: ride.cancelReason ?? '',
      })
    return ride
  }

  /** Something a driver published on drivers/<id>/ride; the id comes from the topic (ACL-checked). */
  async function onDriverAction(driverId: string, message: RideActionMessage): Promise<void> {
    const { rideId, action } = message
    if (action === 'decline') {
      if (!offers.answer(rideId, driverId, 'declined'))
        throw new AppError('FAILED_PRECONDITION', `no open offer of ride ${rideId} for ${driverId}`)
      return
    }
    if (action === 'accept') return accept(driverId, rideId)
    const ride =
      action === 'cancel'
        ? await change(rideId, {
            kind: 'cancel',
            by: 'driver',
            actorId: driverId,
            reason: message.reason || 'driver cancelled',
          })
        : await change(rideId, { kind: action, driverId })
    await drivers.sendRideUpdate(driverId, { rideId, status: ride.status })
  }

  async function accept(driverId: string, rideId: string): Promise<void> {
    if (offers.holder(rideId) !== driverId) {
      // A redelivered accept (QoS 1 is at-least-once) for a ride this driver already has is fine.
      const ride = await repository.find(rideId)
      if (ride?.driverId !== driverId)
        throw new AppError('FAILED_PRECONDITION', `no open offer of ride ${rideId} for ${driverId} (expired or taken)`)
    } else {
      try {
        await change(rideId, { kind: 'accept', driverId })
      } catch (error) {
        offers.answer(rideId, driverId, 'declined')
        throw error
      }
      offers.answer(rideId, driverId, 'accepted')
    }
    await drivers.sendRideUpdate(driverId, { rideId, status: 'accepted' })
  }

  async function giveUp(rideId: string): Promise<void> {
    try {
      await change(rideId, { kind: 'cancel', by: 'system', actorId: 'matching', reason: 'no driver available' })
    } catch (error) {
      // The rider cancelled, or a driver accepted at the last moment: nothing to give up.
      if (!(error instanceof AppError && error.code === 'FAILED_PRECONDITION')) throw error
    }
  }

  function parseInCity(input: unknown, field: string): LatLon {
    const position = parseLatLon(input, field)
    if (!city.contains(position)) throw new AppError('INVALID_ARGUMENT', `${field} is outside the service area`)
    return position
  }

  function onStreet(position: LatLon): LatLon {
    // The car stops on a street: a pickup tapped in a park becomes the nearest kerb.
    return city.projection.toLatLon(locateOnStreet(city, position).point)
  }

  return { requestRide, cancelByRider, onDriverAction, giveUp, change }
}

export type Rides = ReturnType<typeof createRides>
