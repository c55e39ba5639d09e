/**
 * Redis's geohash, bit for bit (src/geohash.c), so a geo set in the twin holds the same scores
 * as in Redis and ZSCORE / GEOPOS / GEODIST agree to the last printed digit.
 *
 * A point becomes an integer: longitude and latitude are each scaled to `step` bits over their
 * range (26 bits for stored members), and the bits are interleaved, latitude on even bits,
 * longitude on odd ones. The 52-bit result is the member's sorted-set score, which is why a
 * geo set *is* a sorted set, and why points in the same cell have neighbouring scores: a cell
 * of any size is one contiguous score range. Decoding returns the centre of the 26-bit cell,
 * so a position read back differs from the one written by up to about half a metre.
 */

export const EARTH_RADIUS_M = 6372797.560856
export const LONGITUDE_MAX = 180
/** Web Mercator's limit: beyond it the projection used by map tiles breaks down. */
export const LATITUDE_MAX = 85.05112878
export const STEP_MAX = 26

export interface Point {
  longitude: number
  latitude: number
}

export interface Area {
  longitude: { min: number; max: number }
  latitude: { min: number; max: number }
}

export function isValidPoint({ longitude, latitude }: Point): boolean {
  return Math.abs(longitude) <= LONGITUDE_MAX && Math.abs(latitude) <= LATITUDE_MAX
}

/** The cell holding a point at `step` bits per coordinate, as interleaved bits. */
export function encodeCell({ longitude, latitude }: Point, step: number): bigint {
  // C truncates the scaled offsets to uint32. At the very edge (latitude 85.05112878, longitude
  // 180) that gives 2^step, one past the last cell, and Redis keeps the overflowing bit.
  const latitudeCell = Math.trunc(((latitude + LATITUDE_MAX) / (2 * LATITUDE_MAX)) * 2 ** step)
  const longitudeCell = Math.trunc(((longitude + LONGITUDE_MAX) / (2 * LONGITUDE_MAX)) * 2 ** step)
  let bits = 0n
  for (let bit = 0n; bit < 32n; bit++) {
    bits |= ((BigInt(latitudeCell) >> bit) & 1n) << (2n * bit)
    bits |= ((BigInt(longitudeCell) >> bit) & 1n) << (2n * bit + 1n)
  }
  return bits
}

/** The bounds of a cell; the same operations in the same order as geohashDecode. */
export function cellArea(bits: bigint, step: number): Area {
  let latitudeCell = 0
  let longitudeCell = 0
  for (let bit = 0n; bit < 32n; bit++) {
    latitudeCell += Number((bits >> (2n * bit)) & 1n) * 2 ** Number(bit)
    longitudeCell += Number((bits >> (2n * bit + 1n)) & 1n) * 2 ** Number(bit)
  }
  const cells = 2 ** step
  return {
    latitude: {
      min: -LATITUDE_MAX + (latitudeCell / cells) * (2 * LATITUDE_MAX),
      max: -LATITUDE_MAX + ((latitudeCell + 1) / cells) * (2 * LATITUDE_MAX),
    },
    longitude: {
      min: -LONGITUDE_MAX + (longitudeCell / cells) * (2 * LONGITUDE_MAX),
      max: -LONGITUDE_MAX + ((longitudeCell + 1) / cells) * (2 * LONGITUDE_MAX),
    },
  }
}

/** The score GEOADD stores: the 26-bit cell, rounded to a double as C's cast would. */
export function encode(point: Point): number {
  return Number(encodeCell(point, STEP_MAX))
}

/** The centre of the cell a score names (scores are doubles; C casts them to uint64). */
export function decode(score: number): Point {
  const area = cellArea(toUint64(score), STEP_MAX)
  return {
    longitude: clamp((area.longitude.min + area.longitude.max) / 2, LONGITUDE_MAX),
    latitude: clamp((area.latitude.min + area.latitude.max) / 2, LATITUDE_MAX),
  }
}

/**
 * C's `(uint64_t)score` as Redis on x86-64 computes it. Only matters for scores that are not
 * geohashes (ZADD can put any score in a geo set), where GEOPOS still answers something.
 */
function toUint64(score: number): bigint {
  if (score >= 2 ** 64) return 0n
  if (score <= -(2 ** 63)) return 2n ** 63n
  const value = BigInt(Math.trunc(score))
  return value < 0n ? 2n ** 64n + value : value
}

function clamp(value: number, limit: number): number {
  return Math.min(limit, Math.max(-limit, value))
}

export const toRadians = (degrees: number) => degrees * (Math.PI / 180)
export const toDegrees = (radians: number) => radians / (Math.PI / 180)

/** Great-circle distance in metres by the haversine formula, on Redis's spherical Earth. */
export function distance(from: Point, to: Point): number {
  const v = Math.sin((toRadians(to.longitude) - toRadians(from.longitude)) / 2)
  // Same longitude: only the latitude difference matters (Redis's shortcut, kept for equal results).
  if (v === 0) return latitudeDistance(from, to)
  const u = Math.sin((toRadians(to.latitude) - toRadians(from.latitude)) / 2)
  const a = u * u + Math.cos(toRadians(from.latitude)) * Math.cos(toRadians(to.latitude)) * v * v
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a))
}

export function latitudeDistance(from: Point, to: Point): number {
  return EARTH_RADIUS_M * Math.abs(toRadians(to.latitude) - toRadians(from.latitude))
}
