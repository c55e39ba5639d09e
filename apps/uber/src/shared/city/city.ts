import { createProjection, type LatLon, type Point, type Projection } from './geo'

/**
 * The synthetic city every part of the scenario shares: a grid of streets with faster avenues,
 * cut in two by a river that only a few bridges cross. The river is there on purpose: it makes
 * straight-line distance (what Redis GEOSEARCH sorts by) a poor guess of driving time, which is
 * why matching asks GEOSEARCH for candidates and then ranks them by ETA along the streets.
 */
export interface CityOptions {
  /** The south-west corner (intersection 0,0). */
  origin: LatLon
  columns: number
  rows: number
  blockMetres: number
  /** Every n-th street (in both directions) is an avenue. */
  avenueEvery: number
  avenueKmh: number
  streetKmh: number
  /** The river flows east-west between this row and the next. */
  riverSouthRow: number
  /** Columns whose north-south street bridges the river. */
  bridgeColumns: number[]
  /** Surge is priced per square cell of this many blocks. */
  cellBlocks: number
}

export const DEFAULT_CITY: CityOptions = {
  origin: { lat: 52.5, lon: 13.35 },
  columns: 25,
  rows: 25,
  blockMetres: 200,
  avenueEvery: 6,
  avenueKmh: 50,
  streetKmh: 30,
  riverSouthRow: 12,
  bridgeColumns: [3, 12, 21],
  cellBlocks: 6,
}

export type StreetKind = 'avenue' | 'street' | 'bridge'

export interface Street {
  /** Node indexes; node index = row * columns + column. */
  from: number
  to: number
  metres: number
  speedMps: number
  kind: StreetKind
}

export interface Link {
  node: number
  seconds: number
  street: Street
}

export interface City {
  options: CityOptions
  projection: Projection
  /** Intersections in metres from the origin. */
  nodes: Point[]
  streets: Street[]
  /** For each node, the streets leaving it (every street is two-way). */
  links: Link[][]
  bounds: { south: number; west: number; north: number; east: number }
  /** Metres of the river's centre line north of the origin. */
  riverY: number
  nodeIndex(column: number, row: number): number
  /** Is the position inside the city's streets (with one block of margin)? */
  contains(position: LatLon): boolean
}

export function createCity(options: CityOptions = DEFAULT_CITY): City {
  const { columns, rows, blockMetres } = options
  const projection = createProjection(options.origin)
  const nodeIndex = (column: number, row: number) => row * columns + column
  const nodes: Point[] = []
  for (let row = 0; row < rows; row++)
    for (let column = 0; column < columns; column++) nodes.push({ x: column * blockMetres, y: row * blockMetres })

  const streets: Street[] = []
  const links: Link[][] = nodes.map(() => [])
  const addStreet = (from: number, to: number, kind: StreetKind) => {
    const speedMps = ((kind === 'avenue' ? options.avenueKmh : options.streetKmh) * 1000) / 3600
    const street: Street = { from, to, metres: blockMetres, speedMps, kind }
    streets.push(street)
    links[from]?.push({ node: to, seconds: blockMetres / speedMps, street })
    links[to]?.push({ node: from, seconds: blockMetres / speedMps, street })
  }
  const isAvenue = (index: number) => index % options.avenueEvery === 0
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      if (column + 1 < columns)
        addStreet(nodeIndex(column, row), nodeIndex(column + 1, row), isAvenue(row) ? 'avenue' : 'street')
      if (row + 1 < rows) {
        const crossesRiver = row === options.riverSouthRow
        if (crossesRiver && !options.bridgeColumns.includes(column)) continue
        const kind = crossesRiver ? 'bridge' : isAvenue(column) ? 'avenue' : 'street'
        addStreet(nodeIndex(column, row), nodeIndex(column, row + 1), kind)
      }
    }
  }

  const southWest = projection.toLatLon({ x: -blockMetres, y: -blockMetres })
  const northEast = projection.toLatLon({ x: columns * blockMetres, y: rows * blockMetres })
  const bounds = { south: southWest.lat, west: southWest.lon, north: northEast.lat, east: northEast.lon }
  return {
    options,
    projection,
    nodes,
    streets,
    links,
    bounds,
    riverY: (options.riverSouthRow + 0.5) * blockMetres,
    nodeIndex,
    contains: ({ lat, lon }) => lat >= bounds.south && lat <= bounds.north && lon >= bounds.west && lon <= bounds.east,
  }
}
