import type { RedisValue } from '../../client'
import { isValidPoint, type Point } from '../geohash'
import { keyword, parseFloat64, replyError } from '../reply'

/** Metres per unit, as GEODIST / GEOSEARCH accept them. */
export const UNITS: Record<string, number> = { M: 1, KM: 1000, FT: 0.3048, MI: 1609.34 }

export function unitFactor(unit: RedisValue | undefined): number {
  const factor = UNITS[keyword(unit)]
  if (factor === undefined) throw replyError('ERR unsupported unit provided. please use M, KM, FT, MI')
  return factor
}

export function parsePoint(longitude: RedisValue, latitude: RedisValue): Point {
  const point = { longitude: parseFloat64(longitude), latitude: parseFloat64(latitude) }
  if (!isValidPoint(point)) {
    const pair = `${point.longitude.toFixed(6)},${point.latitude.toFixed(6)}`
    throw replyError(`ERR invalid longitude,latitude pair ${pair}`)
  }
  return point
}
