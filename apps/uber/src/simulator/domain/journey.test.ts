import { describe, expect, it } from 'vitest'
import { createCity, planRoute } from '../../shared/city'
import { Journey } from './journey'

const city = createCity()
const at = (column: number, row: number) => city.projection.toLatLon({ x: column * 200, y: row * 200 })

describe('Journey', () => {
  it('drives the route at street speed and ends at the destination', () => {
    const route = planRoute(city, at(1, 1), at(1, 3))
    const journey = new Journey(route.legs)
    const halfway = journey.advance(route.seconds / 2)!
    expect(halfway.x).toBeCloseTo(200, 6)
    expect(halfway.y).toBeCloseTo(400, 0)
    expect(journey.heading).toBeCloseTo(0, 6) // northbound
    journey.advance(route.seconds)
    expect(journey.done).toBe(true)
    expect(journey.position!.y).toBeCloseTo(600, 6)
    expect(journey.speedMps).toBe(0)
  })

  it('turns corners without losing time', () => {
    const route = planRoute(city, at(0, 1), at(2, 2))
    const journey = new Journey(route.legs)
    journey.advance(route.seconds - 1)
    expect(journey.done).toBe(false)
    journey.advance(1.001)
    expect(journey.done).toBe(true)
  })
})
