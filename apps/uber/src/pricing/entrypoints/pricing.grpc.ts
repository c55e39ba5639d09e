import { unary } from '@wired/grpc'
import type { PricingServiceServer } from '@wired/proto/uber/v1/pricing'
import { AppError } from '@wired/runtime'
import { type City, cellOf, type LatLon, listCells, parseLatLon, planRoute } from '../../shared/city'
import { quoteFare } from '../domain/fare'
import type { SurgeBoard } from '../domain/surge'

/** wired.uber.v1.PricingService. */
export function pricingHandlers(board: SurgeBoard, city: City, now = Date.now): PricingServiceServer {
  return {
    getQuote: unary((request) => {
      const pickup = inCity(city, request.pickup, 'pickup')
      const dropoff = inCity(city, request.dropoff, 'dropoff')
      const route = planRoute(city, pickup, dropoff)
      const surge = board.surgeAt(cellOf(city, pickup), now())
      return {
        quote: {
          fareCents: quoteFare(route, surge.multiplier),
          surgeMultiplier: surge.multiplier,
          cellId: surge.cellId,
          distanceMetres: route.metres,
          durationSeconds: route.seconds,
        },
      }
    }),
    getSurgeMap: unary(() => {
      const snapshot = board.snapshot(now())
      return {
        cells: listCells(city).map((cell) => {
          const surge = snapshot.get(cell.id)
          return {
            cellId: cell.id,
            multiplier: surge?.multiplier ?? 1,
            demand: surge?.demand ?? 0,
            supply: surge?.supply ?? 0,
            southWest: cell.southWest,
            northEast: cell.northEast,
          }
        }),
      }
    }),
  }
}

function inCity(city: City, value: LatLon | undefined, field: string): LatLon {
  const position = parseLatLon(value, field)
  if (!city.contains(position)) throw new AppError('INVALID_ARGUMENT', `${field} is outside the service area`)
  return position
}
