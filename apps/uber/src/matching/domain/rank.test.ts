import { describe, expect, it } from 'vitest'
import { createCity, createEtaField, haversineMetres } from '../../shared/city'
import { rankByEta } from './rank'

const city = createCity()
const at = (column: number, row: number) => city.projection.toLatLon({ x: column * 200, y: row * 200 })

describe('rankByEta', () => {
  const pickup = at(8, 12)
  const candidate = (driverId: string, column: number, row: number) => ({
    driverId,
    position: at(column, row),
    distanceMetres: haversineMetres(pickup, at(column, row)),
  })

  it('prefers the driver who arrives first over the one nearest as the crow flies', () => {
    const ranked = rankByEta(
      [candidate('across-river', 8, 13), candidate('same-bank', 5, 12)],
      createEtaField(city, pickup),
      new Set(),
    )
    expect(ranked.map((each) => each.driverId)).toEqual(['same-bank', 'across-river'])
    expect(ranked[0]!.etaSeconds).toBeLessThan(ranked[1]!.etaSeconds)
  })

  it('skips unavailable drivers and those too far away', () => {
    const eta = createEtaField(city, pickup)
    const ranked = rankByEta(
      [candidate('busy', 8, 11), candidate('free', 6, 12), candidate('far', 24, 24)],
      eta,
      new Set(['busy']),
      300,
    )
    expect(ranked.map((each) => each.driverId)).toEqual(['free'])
  })
})
