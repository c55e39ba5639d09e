import { AppError } from '@wired/runtime'

/** WGS84 degrees, as GPS reports them and as Redis GEOADD takes them (note: GEOADD wants lon first). */
export interface LatLon {
  lat: number
  lon: number
}

/** Metres east (x) and north (y) of the city's south-west corner. */
export interface Point {
  x: number
  y: number
}

// Redis GEO encodes positions in a 52-bit geohash that cannot represent the poles: GEOADD rejects
// latitudes beyond ±85.05112878. Checking here gives the driver a clear error instead of a Redis one.
export const MAX_GEO_LATITUDE = 85.05112878

/** A position from a device, validated: finite numbers inside the ranges GPS and Redis GEO accept. */
export function parseLatLon(value: unknown, field = 'position'): LatLon {
  const candidate = value as { lat?: unknown; lon?: unknown } | null
  const lat = candidate?.lat
  const lon = candidate?.lon
  if (typeof lat !== 'number' || !Number.isFinite(lat) || Math.abs(lat) > MAX_GEO_LATITUDE)
    throw new AppError('INVALID_ARGUMENT', `${field}.lat must be a number between -85.05 and 85.05`)
  if (typeof lon !== 'number' || !Number.isFinite(lon) || Math.abs(lon) > 180)
    throw new AppError('INVALID_ARGUMENT', `${field}.lon must be a number between -180 and 180`)
  return { lat, lon }
}

const METRES_PER_DEGREE_LAT = 111_320

/**
 * Equirectangular projection around the city's corner: at city scale (a few km) its error is far
 * below GPS noise, and it keeps street geometry in plain metres.
 */
export interface Projection {
  toPoint(position: LatLon): Point
  toLatLon(point: Point): LatLon
}

export function createProjection(origin: LatLon): Projection {
  const metresPerDegreeLon = METRES_PER_DEGREE_LAT * Math.cos((origin.lat * Math.PI) / 180)
  return {
    toPoint: ({ lat, lon }) => ({
      x: (lon - origin.lon) * metresPerDegreeLon,
      y: (lat - origin.lat) * METRES_PER_DEGREE_LAT,
    }),
    toLatLon: ({ x, y }) => ({
      lat: origin.lat + y / METRES_PER_DEGREE_LAT,
      lon: origin.lon + x / metresPerDegreeLon,
    }),
  }
}

/** Great-circle distance in metres (what GEOSEARCH's radius and WITHDIST measure). */
export function haversineMetres(a: LatLon, b: LatLon): number {
  const toRad = Math.PI / 180
  const dLat = (b.lat - a.lat) * toRad
  const dLon = (b.lon - a.lon) * toRad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2
  return 2 * 6_372_797.560856 * Math.asin(Math.min(1, Math.sqrt(h)))
}
