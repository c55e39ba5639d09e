import { describe, expect, it } from 'vitest'
import { createCity } from '../../shared/city'
import { judgeMovement } from './movement'

const city = createCity()
const at = (x: number, recordedAt: number) => ({ position: city.projection.toLatLon({ x, y: 0 }), recordedAt })

describe('judgeMovement', () => {
  it('tells normal driving, speeding and impossible jumps apart', () => {
    expect(judgeMovement(at(0, 0), at(40, 4000)).verdict).toBe('normal') // 10 m/s
    expect(judgeMovement(at(0, 0), at(100, 4000)).verdict).toBe('speeding') // 25 m/s
    expect(judgeMovement(at(0, 0), at(1000, 4000)).verdict).toBe('implausible') // 250 m/s
  })

  it('ignores fixes too close in time to judge', () => {
    expect(judgeMovement(at(0, 1000), at(500, 1200))).toEqual({ speedMps: 0, verdict: 'normal' })
    expect(judgeMovement(at(0, 5000), at(500, 1000)).verdict).toBe('normal')
  })
})
