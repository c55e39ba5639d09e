import type { City, Street } from './city'
import type { LatLon, Point } from './geo'

/** A way onto the street graph: reach `node` after `seconds` of driving from the located point. */
export interface Anchor {
  node: number
  seconds: number
}

export interface StreetLocation {
  /** The nearest point on a street: where a car there actually is (GPS noise and clicks land off-street). */
  point: Point
  street: Street
  /** 0 at street.from, 1 at street.to. */
  along: number
  anchors: [Anchor, Anchor]
}

/**
 * Snaps a position to the nearest street. On a grid the nearest street is either the east-west one
 * of the nearest row or the north-south one of the nearest column, so two candidates suffice.
 */
export function locateOnStreet(city: City, position: LatLon): StreetLocation {
  const { columns, rows, blockMetres } = city.options
  const p = city.projection.toPoint(position)
  const x = clamp(p.x, 0, (columns - 1) * blockMetres)
  const y = clamp(p.y, 0, (rows - 1) * blockMetres)
  const gx = x / blockMetres
  const gy = y / blockMetres

  const candidates: StreetLocation[] = []
  const row = Math.round(gy)
  const eastColumn = Math.min(Math.floor(gx), columns - 2)
  const eastWest = streetBetween(city, city.nodeIndex(eastColumn, row), city.nodeIndex(eastColumn + 1, row))
  if (eastWest) candidates.push(at(city, eastWest, gx - eastColumn))
  const column = Math.round(gx)
  const northRow = Math.min(Math.floor(gy), rows - 2)
  const northSouth = streetBetween(city, city.nodeIndex(column, northRow), city.nodeIndex(column, northRow + 1))
  if (northSouth) candidates.push(at(city, northSouth, gy - northRow))
  // In the river between two bridges neither candidate exists: fall back to the nearest bank's street.
  if (candidates.length === 0) {
    const bank = gy < city.riverY / blockMetres ? city.options.riverSouthRow : city.options.riverSouthRow + 1
    return locateOnStreet(city, city.projection.toLatLon({ x, y: bank * blockMetres }))
  }
  return candidates.reduce((best, next) => (distance(next.point, p) < distance(best.point, p) ? next : best))
}

export function streetBetween(city: City, from: number, to: number): Street | undefined {
  return city.links[from]?.find((link) => link.node === to)?.street
}

function at(city: City, street: Street, along: number): StreetLocation {
  const t = clamp(along, 0, 1)
  const a = city.nodes[street.from]!
  const b = city.nodes[street.to]!
  const seconds = street.metres / street.speedMps
  return {
    point: { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t },
    street,
    along: t,
    anchors: [
      { node: street.from, seconds: t * seconds },
      { node: street.to, seconds: (1 - t) * seconds },
    ],
  }
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))
const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y)
