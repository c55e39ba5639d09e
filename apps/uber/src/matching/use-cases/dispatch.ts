import type { GrpcClient } from '@wired/grpc'
import type { LocationServiceService } from '@wired/proto/uber/v1/location'
import type { Logger } from '@wired/runtime'
import { type City, createEtaField, type LatLon } from '../../shared/city'
import type { DispatchProgressPublisher } from '../adapters/dispatch-progress'
import type { DriverChannel } from '../adapters/driver-channel'
import type { RideRepository } from '../adapters/ride-repository'
import { type RankedCandidate, rankByEta } from '../domain/rank'
import type { DriverDepartures, OfferBook } from './offers'

const SEARCH_RINGS_METRES = [500, 1_000, 2_000]
const ENOUGH_TO_RANK = 5
// A will fires within milliseconds, but the GEO index drops the driver a moment later: a driver
// who left just before the search may still be among its results.
const INDEX_LAG_MS = 1_000

export interface DispatchOptions {
  /** The widest GEOSEARCH radius around the pickup (narrower rings are tried first). */
  searchRadiusMetres: number
  /** GEOSEARCH COUNT: how many of the nearest drivers are ranked by ETA. */
  maxCandidates: number
  /** Drivers further than this (by street) are not offered the ride. */
  maxPickupEtaSeconds: number
  offerTimeoutMs: number
  /** Search rounds before the ride is cancelled for want of a driver. */
  rounds: number
  roundDelayMs: number
}

/** The defaults every way of starting matching shares (its config reads overrides from the environment). */
export const DEFAULT_DISPATCH: DispatchOptions = {
  searchRadiusMetres: 3000,
  maxCandidates: 20,
  maxPickupEtaSeconds: 900,
  offerTimeoutMs: 15_000,
  rounds: 3,
  roundDelayMs: 5_000,
}

export interface DispatchDeps {
  city: City
  repository: RideRepository
  location: GrpcClient<typeof LocationServiceService>
  drivers: DriverChannel
  offers: OfferBook
  departures: DriverDepartures
  /** Tells the rider what it is waiting for (rides.dispatch). */
  progress: DispatchProgressPublisher
  /** Cancels the ride as the system when no driver accepted. */
  giveUp(rideId: string): Promise<void>
  logger: Logger
}

/**
 * Finds a driver for one ride: ask the location service for the nearest drivers (gRPC
 * NearbyDrivers → GEOSEARCH), drop those busy or already asked, rank the rest by driving time
 * to the pickup, and offer the ride to one driver at a time until somebody accepts. The accept
 * itself arrives over MQTT (drivers/<id>/ride) and is applied by the rides use cases.
 */
export async function dispatchRide(rideId: string, options: DispatchOptions, deps: DispatchDeps, signal: AbortSignal) {
  const { city, repository, location, drivers, offers, departures, progress, logger } = deps
  const asked = new Set<string>()

  // Expanding rings: a small GEOSEARCH is cheap (Redis examines every driver inside the radius)
  // and in a dense city finds enough; the search widens until it has a few free drivers to rank,
  // because the nearest as the crow flies may be the furthest by road (across the river).
  async function rankedCandidates(pickup: LatLon, unavailable: Set<string>): Promise<RankedCandidate[]> {
    const eta = createEtaField(city, pickup)
    const rings = [
      ...SEARCH_RINGS_METRES.filter((radius) => radius < options.searchRadiusMetres),
      options.searchRadiusMetres,
    ]
    let ranked: RankedCandidate[] = []
    for (const radiusMetres of rings) {
      const { drivers: nearby } = await location.nearbyDrivers({
        center: pickup,
        radiusMetres,
        limit: options.maxCandidates,
      })
      const candidates = nearby.map((driver) => ({
        driverId: driver.driverId,
        position: driver.position ?? pickup,
        distanceMetres: driver.distanceMetres,
      }))
      const busy = await repository.busyDrivers(candidates.map((candidate) => candidate.driverId))
      ranked = rankByEta(candidates, eta, new Set([...unavailable, ...busy]), options.maxPickupEtaSeconds)
      logger.debug({ radiusMetres, nearby: nearby.length, ranked: ranked.length }, 'dispatch search')
      if (ranked.length >= ENOUGH_TO_RANK) break
    }
    return ranked
  }

  for (let round = 0; round < options.rounds && !signal.aborted; round++) {
    if (round > 0) await sleep(options.roundDelayMs, signal)
    try {
      if (await offerRound(round)) return
    } catch (error) {
      // Location down, a deadline passed, the broker refused a publish: the next round retries.
      logger.warn({ err: error, rideId, round }, 'dispatch round failed')
    }
  }
  if (!signal.aborted) await deps.giveUp(rideId)

  /** One search and a run of offers; true when the ride no longer needs a driver. */
  async function offerRound(round: number): Promise<boolean> {
    const ride = await repository.find(rideId)
    if (ride?.status !== 'requested') return true
    const step = { rideId, riderId: ride.riderId, round: round + 1, rounds: options.rounds }
    progress.publish({ ...step, offer: 0, candidates: 0, expiresAtMs: 0 })
    const searchedAt = Date.now()
    const ranked = await rankedCandidates(ride.pickup, new Set([...asked, ...offers.driversHoldingOffers()]))
    logger.debug({ rideId, round, candidates: ranked.length }, 'dispatch round')
    for (const [index, candidate] of ranked.entries()) {
      if (signal.aborted) return true
      if (departures.leftSince(candidate.driverId, searchedAt - INDEX_LAG_MS)) continue
      asked.add(candidate.driverId)
      const expiresAt = Date.now() + options.offerTimeoutMs
      progress.publish({ ...step, offer: index + 1, candidates: ranked.length, expiresAtMs: expiresAt })
      const answer = await offers.offer(rideId, candidate.driverId, options.offerTimeoutMs, () =>
        drivers.sendOffer(candidate.driverId, {
          rideId,
          pickup: ride.pickup,
          dropoff: ride.dropoff,
          fareCents: ride.fareCents,
          etaSeconds: Math.round(candidate.etaSeconds),
          expiresAt,
        }),
      )
      logger.info({ rideId, driverId: candidate.driverId, answer }, 'offer answered')
      if (answer === 'accepted' || answer === 'withdrawn') return true
    }
    return false
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        resolve()
      },
      { once: true },
    )
  })
}
