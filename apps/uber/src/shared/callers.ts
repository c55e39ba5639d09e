/**
 * Who may call whom, method by method: the allow-lists Uber's gRPC servers enforce (see
 * @wired/grpc callers.ts for how a caller proves its name). Only the edges that authenticate a
 * rider (api, rider-gateway) may name one, so a bare client cannot list or cancel someone else's
 * rides; matching asks location and pricing while it dispatches.
 */
import type { CallerPolicy } from '@wired/grpc'
import type { LocationServiceService } from '@wired/proto/uber/v1/location'
import type { PricingServiceService } from '@wired/proto/uber/v1/pricing'
import type { RideServiceService } from '@wired/proto/uber/v1/rides'

export const LOCATION_SERVICE_CALLERS: CallerPolicy<typeof LocationServiceService> = {
  nearbyDrivers: ['matching', 'rider-gateway'],
  getDriverPosition: ['rider-gateway'],
}

export const PRICING_SERVICE_CALLERS: CallerPolicy<typeof PricingServiceService> = {
  getQuote: ['api', 'matching'],
  getSurgeMap: ['api'],
}

export const RIDE_SERVICE_CALLERS: CallerPolicy<typeof RideServiceService> = {
  requestRide: ['api'],
  getRide: ['api'],
  listRides: ['api'],
  getActiveRide: ['rider-gateway'],
  cancelRide: ['rider-gateway'],
}
