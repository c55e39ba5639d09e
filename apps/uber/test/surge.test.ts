import { randomUUID } from 'node:crypto'
import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rest, TestDriver } from './support/clients'
import { type Harness, startHarness, testCity } from './support/harness'

const at = (column: number, row: number) => testCity.projection.toLatLon({ x: column * 200, y: row * 200 })

describe.each(runModes())('surge pricing (%s)', (mode) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(mode)
  })
  afterAll(async () => {
    await h?.stop()
  })

  it('raises the multiplier when requests outnumber drivers in a cell, and lowers it when supply returns', async () => {
    // Everything happens in cell c3r3 (the north-east corner); drivers here answer no offers.
    const trip = { pickup: at(20, 20), dropoff: at(20, 23) }
    const quote = async () => {
      const rider = await h.addRider()
      const response = await rest<{ surgeMultiplier: number; fareCents: number; cellId: string }>(
        h.urls.api,
        'POST',
        '/v1/quotes',
        { token: rider.token, body: trip },
      )
      expect(response.status).toBe(200)
      return response.data
    }
    const first = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    await first.at(at(21, 21))
    const calm = await quote()
    expect(calm).toMatchObject({ surgeMultiplier: 1, cellId: 'c3r3' })

    for (let i = 0; i < 3; i++) {
      const rider = await h.addRider()
      const requested = await rest(h.urls.api, 'POST', '/v1/rides', {
        token: rider.token,
        body: { pickup: at(19 + i, 20), dropoff: at(19 + i, 23) },
        idempotencyKey: randomUUID(),
      })
      expect(requested.status).toBe(201)
    }
    // 3 requests, 1 available driver: ratio 3 → 1 + (3 - 1) × 0.5 = 2.
    const surging = await waitFor(
      async () => {
        const current = await quote()
        return current.surgeMultiplier > 1 ? current : undefined
      },
      { timeoutMs: 10_000, what: 'surge' },
    )
    expect(surging.surgeMultiplier).toBe(2)
    expect(surging.fareCents).toBeGreaterThan(calm.fareCents * 1.9)

    const more = await Promise.all([1, 2, 3].map(async () => TestDriver.connect(h.mqttUrl, await h.addDriver())))
    await Promise.all(more.map((driver, i) => driver.at(at(19 + i, 22))))
    const eased = await waitFor(
      async () => {
        const current = await quote()
        return current.surgeMultiplier === 1 ? current : undefined
      },
      { timeoutMs: 10_000, what: 'surge to ease' },
    )
    expect(eased.fareCents).toBe(calm.fareCents)
    await Promise.all([first, ...more].map((driver) => driver.close()))
  })
})
