import { unary } from '@wired/grpc'
import type { LocationServiceServer } from '@wired/proto/uber/v1/location'
import { AppError } from '@wired/runtime'
import { parseLatLon } from '../../shared/city'
import type { DriverIndex } from '../use-cases/ingest-fixes'

const MAX_RADIUS_METRES = 20_000
const MAX_LIMIT = 500

/** wired.uber.v1.LocationService: reads of the GEO index. */
export function locationHandlers(index: DriverIndex): LocationServiceServer {
  return {
    nearbyDrivers: unary(async (request) => {
      const center = parseLatLon(request.center, 'center')
      if (!(request.radiusMetres > 0 && request.radiusMetres <= MAX_RADIUS_METRES))
        throw new AppError('INVALID_ARGUMENT', `radius_metres must be in (0, ${MAX_RADIUS_METRES}]`)
      const limit = Math.min(MAX_LIMIT, request.limit || 20)
      return { drivers: await index.nearby(center, request.radiusMetres, limit) }
    }),
    getDriverPosition: unary(async (request) => {
      const found = await index.positionOf(request.driverId)
      if (!found) throw new AppError('NOT_FOUND', `driver ${request.driverId} is not online`)
      return { position: found.position, recordedAtMs: found.recordedAt, headingDegrees: found.heading }
    }),
  }
}
