import { describe, expect, it } from 'vitest'
import { cellOf, listCells } from './cells'
import { createCity } from './city'
import { haversineMetres, parseLatLon } from './geo'
import { createEtaField, planRoute } from './routing'
import { locateOnStreet } from './street-locator'

const city = createCity()
const at = (column: number, row: number) => city.projection.toLatLon({ x: column * 200, y: row * 200 })

describe('the synthetic city', () => {
  it('crosses the river only on its bridges', () => {
    const crossings = city.streets.filter((street) => street.kind === 'bridge')
    expect(crossings.map((street) => city.nodes[street.from]!.x / 200)).toEqual([3, 12, 21])
    expect(city.nodes).toHaveLength(25 * 25)
  })

  it('snaps a position off the street onto the nearest street', () => {
    const located = locateOnStreet(city, city.projection.toLatLon({ x: 470, y: 230 }))
    expect(located.point.x).toBeCloseTo(470, 6)
    expect(located.point.y).toBeCloseTo(200, 6)
    const nearAnAvenue = locateOnStreet(city, city.projection.toLatLon({ x: 1190, y: 330 }))
    expect(nearAnAvenue.street.kind).toBe('avenue')
  })

  it('ranks by driving time, not by straight-line distance, across the river', () => {
    const pickup = at(8, 12) // south bank, between bridges
    const acrossTheRiver = at(8, 13) // 200 m away as the crow flies
    const sameBank = at(4, 12) // 800 m away on the same bank
    expect(haversineMetres(pickup, acrossTheRiver)).toBeLessThan(haversineMetres(pickup, sameBank))
    const eta = createEtaField(city, pickup)
    expect(eta(acrossTheRiver)).toBeGreaterThan(eta(sameBank) * 2)
  })

  it('plans a route whose legs join up and whose time matches the ETA', () => {
    const from = at(1, 2)
    const to = at(20, 22)
    const route = planRoute(city, from, to)
    for (let i = 1; i < route.legs.length; i++) expect(route.legs[i]!.from).toEqual(route.legs[i - 1]!.to)
    expect(route.seconds).toBeCloseTo(createEtaField(city, to)(from), 6)
    expect(route.legs.some((leg) => leg.speedMps > 10)).toBe(true) // it uses an avenue
  })

  it('gives a falling ETA to a car driving the route', () => {
    const pickup = at(15, 20)
    const route = planRoute(city, at(2, 3), pickup)
    const eta = createEtaField(city, pickup)
    const etas = route.legs.map((leg) => eta(city.projection.toLatLon(leg.from)))
    for (let i = 1; i < etas.length; i++) expect(etas[i]!).toBeLessThan(etas[i - 1]!)
  })

  it('routes along a single street without visiting an intersection', () => {
    const route = planRoute(city, city.projection.toLatLon({ x: 20, y: 0 }), city.projection.toLatLon({ x: 180, y: 0 }))
    expect(route.legs).toHaveLength(1)
    expect(route.metres).toBeCloseTo(160, 6)
  })

  it('splits the city into surge cells', () => {
    expect(listCells(city)).toHaveLength(16)
    expect(cellOf(city, at(0, 0))).toBe('c0r0')
    expect(cellOf(city, at(24, 24))).toBe('c3r3')
    expect(cellOf(city, at(7, 13))).toBe('c1r2')
  })
})

describe('parseLatLon', () => {
  it('accepts GPS ranges and rejects what Redis GEO cannot store', () => {
    expect(parseLatLon({ lat: 52.5, lon: 13.4 })).toEqual({ lat: 52.5, lon: 13.4 })
    expect(() => parseLatLon({ lat: 86, lon: 0 })).toThrow(/lat must be/)
    expect(() => parseLatLon({ lat: 0, lon: 181 })).toThrow(/lon must be/)
    expect(() => parseLatLon({ lat: '52', lon: 13 })).toThrow(/lat must be/)
    expect(() => parseLatLon({ lat: Number.NaN, lon: 13 })).toThrow(/lat must be/)
    expect(() => parseLatLon(null)).toThrow(/lat must be/)
  })
})
