import { randomUUID } from 'node:crypto'
import { refusedFor, runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RideView } from '../src/shared/ride-messages'
import { rest } from './support/clients'
import { type Harness, startHarness, testCity, uniqueId } from './support/harness'

const at = (column: number, row: number) => testCity.projection.toLatLon({ x: column * 200, y: row * 200 })

/**
 * The REST API takes JSON bodies exactly as sent: a wrong type or an unknown field is a 400
 * whose error names the field, never a value quietly coerced ("52.51" → 52.51) or a field
 * quietly dropped. Query strings, which can only be text, still read as their declared types.
 */
describe.each(runModes())('REST bad input is refused and changes nothing (%s)', (mode) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(mode)
  })
  afterAll(async () => {
    await h?.stop()
  })

  it('refuses a coordinate sent as a string, for a quote and for a ride, and stores no ride', async () => {
    const rider = await h.addRider()
    const pickup = at(2, 2)
    const trip = { pickup: { lat: String(pickup.lat), lon: pickup.lon }, dropoff: at(4, 4) }
    expect(await rest(h.urls.api, 'POST', '/v1/quotes', { token: rider.token, body: trip })).toMatchObject(
      refusedFor('body/pickup/lat'),
    )
    const ride = await rest(h.urls.api, 'POST', '/v1/rides', {
      token: rider.token,
      body: trip,
      idempotencyKey: randomUUID(),
    })
    expect(ride).toMatchObject(refusedFor('body/pickup/lat'))
    expect((await rest<RideView[]>(h.urls.api, 'GET', '/v1/rides', { token: rider.token })).data).toEqual([])
  })

  it('refuses unknown fields and wrong types in account bodies, creating and changing nothing', async () => {
    const email = `${uniqueId('rider')}@example.test`
    const password = 'correct horse battery'
    const signUp = await rest(h.urls.api, 'POST', '/v1/riders', {
      body: { email, name: 'Eve', password, admin: true },
    })
    expect(signUp).toMatchObject(refusedFor('body/admin'))
    const login = { role: 'rider', login: email, password }
    expect((await rest(h.urls.api, 'POST', '/v1/sessions', { body: login })).status).toBe(401)
    expect(await rest(h.urls.api, 'POST', '/v1/sessions', { body: { ...login, login: 12345678 } })).toMatchObject(
      refusedFor('body/login'),
    )
    expect(
      await rest(h.urls.api, 'POST', '/v1/drivers', {
        body: { id: uniqueId('drv'), name: 'Dan', vehicle: 'Car', password, rating: 5 },
      }),
    ).toMatchObject(refusedFor('body/rating'))

    const rider = await h.addRider()
    expect(await rest(h.urls.api, 'PATCH', '/v1/me', { token: rider.token, body: { name: 42 } })).toMatchObject(
      refusedFor('body/name'),
    )
    // A NUL in a name used to reach PostgreSQL and come back as a 500.
    expect(
      await rest(h.urls.api, 'PATCH', '/v1/me', { token: rider.token, body: { name: 'Te\u0000st' } }),
    ).toMatchObject(refusedFor('body/name'))
    expect(
      await rest(h.urls.api, 'POST', '/v1/drivers', {
        body: { id: uniqueId('drv'), name: 'Dan', vehicle: 'Car\u001b[31m', password },
      }),
    ).toMatchObject(refusedFor('body/vehicle'))
    expect((await rest(h.urls.api, 'GET', '/v1/me', { token: rider.token })).data).toMatchObject({
      name: 'Test Rider',
    })
    // Validation runs before the handler: no ride is looked up, nothing is paid.
    const payment = await rest(h.urls.api, 'POST', '/v1/rides/no-such-ride/payment', {
      token: rider.token,
      body: { method: 'card', amountCents: 1 },
      idempotencyKey: randomUUID(),
    })
    expect(payment).toMatchObject(refusedFor('body/amountCents'))
  })

  it('reads query strings as their declared types, and refuses a bad value or an unknown parameter', async () => {
    const rider = await h.addRider()
    const rides = (query: string) => rest(h.urls.api, 'GET', `/v1/rides?${query}`, { token: rider.token })
    expect(await rides('limit=5')).toMatchObject({ status: 200, data: [] })
    expect(await rides('limit=five')).toMatchObject(refusedFor('querystring/limit'))
    expect(await rides('limit=5&admin=1')).toMatchObject(refusedFor('querystring/admin'))
  })
})
