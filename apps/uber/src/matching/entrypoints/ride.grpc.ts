import { unary } from '@wired/grpc'
import type { RideServiceServer } from '@wired/proto/uber/v1/rides'
import { AppError } from '@wired/runtime'
import { rideToMessage } from '../adapters/ride-mapping'
import type { RideRepository } from '../adapters/ride-repository'
import type { Rides } from '../use-cases/rides'

const MAX_PAGE = 50

/** wired.uber.v1.RideService: thin handlers; AppError codes become gRPC statuses in unary(). */
export function rideServiceHandlers(rides: Rides, repository: RideRepository): RideServiceServer {
  return {
    requestRide: unary(async (request) => {
      const ride = await rides.requestRide(required(request.riderId, 'rider_id'), request.pickup, request.dropoff)
      return { ride: rideToMessage(ride) }
    }),
    getRide: unary(async (request) => {
      const ride = await repository.find(required(request.rideId, 'ride_id'))
      if (!ride) throw new AppError('NOT_FOUND', `no ride ${request.rideId}`)
      return { ride: rideToMessage(ride) }
    }),
    getActiveRide: unary(async (request) => {
      const ride = await repository.findActiveByRider(required(request.riderId, 'rider_id'))
      return ride ? { ride: rideToMessage(ride) } : {}
    }),
    cancelRide: unary(async (request) => {
      const ride = await rides.cancelByRider(
        required(request.rideId, 'ride_id'),
        required(request.riderId, 'rider_id'),
        request.reason.slice(0, 200),
      )
      return { ride: rideToMessage(ride) }
    }),
    listRides: unary(async (request) => {
      const limit = Math.min(MAX_PAGE, request.limit || 20)
      const before = request.cursor ? decodeCursor(request.cursor) : undefined
      const page = await repository.listByRider(required(request.riderId, 'rider_id'), limit, before)
      const last = page.length === limit ? page[page.length - 1] : undefined
      return {
        rides: page.map(rideToMessage),
        nextCursor: last ? Buffer.from(`${last.requestedAt}:${last.id}`).toString('base64url') : '',
      }
    }),
  }
}

function required(value: string, field: string): string {
  if (!value) throw new AppError('INVALID_ARGUMENT', `${field} is required`)
  return value
}

function decodeCursor(cursor: string): { requestedAt: number; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split(':')
  const requestedAt = Number(at)
  if (!id || !Number.isSafeInteger(requestedAt)) throw new AppError('INVALID_ARGUMENT', 'cursor is not valid')
  return { requestedAt, id }
}
