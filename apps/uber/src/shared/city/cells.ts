import type { City } from './city'
import type { LatLon } from './geo'

/**
 * Surge is priced per cell: a square of `cellBlocks` × `cellBlocks` blocks. Real systems use
 * hexagons (H3) so every neighbour is equidistant; squares keep this one readable.
 */
export interface Cell {
  id: string
  column: number
  row: number
  southWest: LatLon
  northEast: LatLon
}

export function cellOf(city: City, position: LatLon): string {
  const { x, y } = city.projection.toPoint(position)
  const size = city.options.cellBlocks * city.options.blockMetres
  const [columns, rows] = cellCounts(city)
  const column = Math.min(columns - 1, Math.max(0, Math.floor(x / size)))
  const row = Math.min(rows - 1, Math.max(0, Math.floor(y / size)))
  return cellId(column, row)
}

export function listCells(city: City): Cell[] {
  const size = city.options.cellBlocks * city.options.blockMetres
  const [columns, rows] = cellCounts(city)
  const cells: Cell[] = []
  for (let row = 0; row < rows; row++)
    for (let column = 0; column < columns; column++)
      cells.push({
        id: cellId(column, row),
        column,
        row,
        southWest: city.projection.toLatLon({ x: column * size, y: row * size }),
        northEast: city.projection.toLatLon({ x: (column + 1) * size, y: (row + 1) * size }),
      })
  return cells
}

const cellId = (column: number, row: number) => `c${column}r${row}`

function cellCounts(city: City): [number, number] {
  const { columns, rows, cellBlocks } = city.options
  // The last intersection sits on the edge of the grid; (n - 1) blocks span the city.
  return [Math.ceil((columns - 1) / cellBlocks), Math.ceil((rows - 1) / cellBlocks)]
}
