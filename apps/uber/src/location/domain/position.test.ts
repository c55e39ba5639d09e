import { describe, expect, it } from 'vitest'
import { createCity } from '../../shared/city'
import { driverIdOf, parseJsonPayload } from '../../shared/mqtt-topics'
import { acceptPosition } from './position'

const city = createCity()
const now = 1_700_000_000_000
const inside = { lat: 52.505, lon: 13.36, ts: now, available: true }

describe('acceptPosition', () => {
  it('accepts a fix inside the city', () => {
    expect(acceptPosition(city, 'd1', inside, 'mqtt', now)).toMatchObject({
      driverId: 'd1',
      position: { lat: 52.505, lon: 13.36 },
      recordedAt: now,
      receivedAt: now,
      available: true,
    })
  })

  it.each([
    [{ ...inside, lat: 91 }, /lat must be/],
    [{ ...inside, lon: -200 }, /lon must be/],
    [{ ...inside, lat: 40 }, /outside the service area/],
    [{ ...inside, ts: now - 3_600_000 }, /off the server clock/],
    [{ ...inside, ts: now + 3_600_000 }, /off the server clock/],
    [{ ...inside, ts: 'now' }, /ts must be/],
    [{ ...inside, heading: 400 }, /heading/],
    [{ ...inside, speedMps: -1 }, /speedMps/],
    [{ ...inside, available: 'yes' }, /available/],
    [[1, 2], /JSON object/],
  ])('refuses %j', (report, message) => {
    expect(() => acceptPosition(city, 'd1', report, 'ws', now)).toThrow(message)
  })

  it('refuses payloads that are not JSON', () => {
    expect(() => parseJsonPayload(Buffer.from('{lat:'))).toThrow(/not JSON/)
  })
})

describe('driverIdOf', () => {
  it('reads the driver id from the topic, never from the payload', () => {
    expect(driverIdOf('drivers/sim-007/location')).toBe('sim-007')
    expect(driverIdOf('riders/sim-007/location')).toBeUndefined()
    expect(driverIdOf('drivers/UPPER/location')).toBeUndefined()
    // A payload naming another driver changes nothing: the id is the topic's, which the ACL binds
    // to the credentials the driver connected with.
    const spoofed = { ...inside, driverId: 'sim-999' }
    expect(acceptPosition(city, driverIdOf('drivers/sim-007/location')!, spoofed, 'mqtt', now).driverId).toBe('sim-007')
  })
})
