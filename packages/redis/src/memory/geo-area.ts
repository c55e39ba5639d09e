import {
  cellArea,
  distance,
  EARTH_RADIUS_M,
  encodeCell,
  latitudeDistance,
  type Point,
  STEP_MAX,
  toDegrees,
  toRadians,
} from './geohash'

/**
 * Where GEOSEARCH looks, ported from Redis's geohash_helper.c so the twin visits the same
 * members in the same order (which decides what COUNT n ANY returns).
 *
 * The geohash trick: choose a cell size about as large as the search radius, take the cell
 * holding the centre and its eight neighbours, and read each as one score range of the sorted
 * set. Nine range reads instead of a scan of every driver in the city; an exact distance test
 * then drops the candidates in the cells' corners.
 */

/** A search shape: radius, or width x height box, in the caller's unit (`factor` metres each). */
export type Shape =
  | { kind: 'radius'; centre: Point; radius: number; factor: number }
  | { kind: 'box'; centre: Point; width: number; height: number; factor: number }

export interface ScoreRange {
  min: number
  /** Exclusive. */
  max: number
}

/** The distance from the centre if the point lies inside the shape, else undefined. */
export function distanceIfInside(shape: Shape, point: Point): number | undefined {
  if (shape.kind === 'radius') {
    const d = distance(shape.centre, point)
    return d > shape.radius * shape.factor ? undefined : d
  }
  // Latitude first: it is the cheaper test (geohashGetDistanceIfInRectangle).
  if (latitudeDistance(point, shape.centre) > (shape.height * shape.factor) / 2) return undefined
  const sameLatitude = { longitude: shape.centre.longitude, latitude: point.latitude }
  if (distance(point, sameLatitude) > (shape.width * shape.factor) / 2) return undefined
  return distance(shape.centre, point)
}

const MERCATOR_MAX = 20037726.37

/** Coarser cells for wider searches: each step halves the cell side. */
function estimateStep(rangeM: number, latitude: number): number {
  if (rangeM === 0) return STEP_MAX
  let step = 1
  for (let range = rangeM; range < MERCATOR_MAX; range *= 2) step++
  step -= 2
  // Meridians converge towards the poles, so cells there are narrower than they look.
  if (Math.abs(latitude) > 66) step -= Math.abs(latitude) > 80 ? 2 : 1
  return Math.min(STEP_MAX, Math.max(1, step))
}

/** The nine cells (centre first, then N, S, E, W, NE, NW, SE, SW) as score ranges, useless ones left out. */
export function searchRanges(shape: Shape): ScoreRange[] {
  const { longitude, latitude } = shape.centre
  const halfHeight = shape.factor * (shape.kind === 'radius' ? shape.radius : shape.height / 2)
  const halfWidth = shape.factor * (shape.kind === 'radius' ? shape.radius : shape.width / 2)
  const latitudeDelta = toDegrees(halfHeight / EARTH_RADIUS_M)
  const top = toDegrees(halfWidth / EARTH_RADIUS_M / Math.cos(toRadians(latitude + latitudeDelta)))
  const bottom = toDegrees(halfWidth / EARTH_RADIUS_M / Math.cos(toRadians(latitude - latitudeDelta)))
  const longitudeDelta = latitude < 0 ? bottom : top
  const bounds = {
    minLongitude: longitude - longitudeDelta,
    maxLongitude: longitude + longitudeDelta,
    minLatitude: latitude - latitudeDelta,
    maxLatitude: latitude + latitudeDelta,
  }
  const rangeM =
    shape.kind === 'radius'
      ? shape.radius * shape.factor
      : Math.sqrt((shape.width / 2) * (shape.width / 2) + (shape.height / 2) * (shape.height / 2)) * shape.factor

  let step = estimateStep(rangeM, latitude)
  let cells = neighbourhood(encodeCell(shape.centre, step), step)
  // Near a cell edge the neighbours may not reach far enough: go one size coarser.
  const [, north, south, east, west] = cells.map((bits) => cellArea(bits, step))
  if (
    step > 1 &&
    (north!.latitude.max < bounds.maxLatitude ||
      south!.latitude.min > bounds.minLatitude ||
      east!.longitude.max < bounds.maxLongitude ||
      west!.longitude.min > bounds.minLongitude)
  ) {
    step--
    cells = neighbourhood(encodeCell(shape.centre, step), step)
  }

  const useful = cells.map(() => true)
  if (step >= 2) {
    // Drop neighbours on a side the search area does not reach.
    const area = cellArea(cells[0]!, step)
    const drop = (...indexes: number[]) => {
      for (const i of indexes) useful[i] = false
    }
    if (area.latitude.min < bounds.minLatitude) drop(2, 7, 8)
    if (area.latitude.max > bounds.maxLatitude) drop(1, 5, 6)
    if (area.longitude.min < bounds.minLongitude) drop(4, 8, 6)
    if (area.longitude.max > bounds.maxLongitude) drop(3, 7, 5)
  }
  const ranges: ScoreRange[] = []
  let last: bigint | undefined
  cells.forEach((bits, i) => {
    // With huge radii neighbours can coincide; Redis skips a repeat of the range it just read.
    if (!useful[i] || bits === last) return
    last = bits
    const shift = BigInt(52 - step * 2)
    ranges.push({ min: Number(bits << shift), max: Number((bits + 1n) << shift) })
  })
  return ranges
}

const LONGITUDE_BITS = 0xaaaaaaaaaaaaaaaan
const LATITUDE_BITS = 0x5555555555555555n

function neighbourhood(centre: bigint, step: number): bigint[] {
  const at = (dx: number, dy: number) => move(move(centre, step, LONGITUDE_BITS, dx), step, LATITUDE_BITS, dy)
  return [centre, at(0, 1), at(0, -1), at(1, 0), at(-1, 0), at(1, 1), at(-1, 1), at(1, -1), at(-1, -1)]
}

/**
 * Adds ±1 to one coordinate without de-interleaving (geohash_move_x / _y): fill the other
 * coordinate's bits with ones so the carry ripples through them, then mask back to `step` bits.
 */
function move(bits: bigint, step: number, axis: bigint, direction: number): bigint {
  if (direction === 0) return bits
  const other = axis === LONGITUDE_BITS ? LATITUDE_BITS : LONGITUDE_BITS
  const shift = BigInt(64 - step * 2)
  const filler = other >> shift
  let moved = bits & axis
  moved = direction > 0 ? moved + filler + 1n : (moved | filler) - (filler + 1n)
  return (moved & (axis >> shift)) | (bits & other)
}
