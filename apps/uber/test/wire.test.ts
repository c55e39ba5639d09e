import { randomUUID } from 'node:crypto'
import { hopIs, hopsInOrder, newTraceparent, runModes, waitForTrace } from '@wired/testkit'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RideView } from '../src/shared/ride-messages'
import { RiderSocket, rest, TestDriver } from './support/clients'
import { type Harness, startHarness, testCity } from './support/harness'

const at = (column: number, row: number) => testCity.projection.toLatLon({ x: column * 200, y: row * 200 })
const is = hopIs

describe.each(runModes())('the wire view (%s)', (mode) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(mode)
  })
  afterAll(() => h?.stop())

  it('shows a GPS fix crossing MQTT → Redis GEO → Kafka → Redis pub/sub → WS to the rider', async () => {
    const driver = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    driver.stopHeartbeat() // only the traced fix below moves this driver
    await driver.at(at(9, 4))
    const rider = await h.addRider()
    const socket = await RiderSocket.open(h.urls.riderPage, rider.token)
    const { data: ride } = await rest<RideView>(h.urls.api, 'POST', '/v1/rides', {
      token: rider.token,
      body: { pickup: at(8, 4), dropoff: at(8, 8) },
      idempotencyKey: randomUUID(),
    })
    await driver.nextOffer()
    await driver.act(ride!.rideId, 'accept')
    driver.available = false // on a trip: its fixes are fanned out to the rider watching it
    await socket.waitFor('driver')

    const { traceId, traceparent } = newTraceparent()
    await driver.publishTracedFix(at(9, 5), traceparent)
    const path = [
      is('mqtt', 'CONSUMER', /^drivers\/.+\/location$/, /location/),
      is('redis', 'CLIENT', /^MULTI .*GEOADD.* EXEC$/, /location/),
      is('redis', 'PRODUCER', /^PUBLISH .*driver-positions/, /location/),
      is('redis', 'CONSUMER', /^message .*driver-positions/, /rider-gateway/),
      is('ws', 'PRODUCER', /^driver$/, /rider-gateway/),
    ]
    const recorded = is('kafka', 'PRODUCER', /drivers\.locations$/, /location/)
    const hops = await waitForTrace(h.wireUrl, traceId, (seen) => hopsInOrder(seen, path) && seen.some(recorded))
    // The fix as the location service read it: the trace field was the transport's, not the app's.
    const fix = hops.find(path[0]!)!
    expect(fix.tags['messaging.mqtt.qos']).toBe('1')
    expect(JSON.parse(fix.tags['wire.payload']!)).not.toHaveProperty('trace')
    // The rider's frame carries the same trace, so the rider's panel can follow it.
    const frame = await socket.waitFor<{ trace?: string }>('driver', (f) => f.trace?.includes(traceId) ?? false)
    expect(frame.trace).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`))
    socket.close()
    await driver.close()
  })

  it('keeps a ride request in one trace through the outbox: REST → gRPC → SQL → the row → Kafka', async () => {
    const rider = await h.addRider()
    const { traceId, traceparent } = newTraceparent()
    const answer = await fetch(`${h.urls.api}/v1/rides`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${rider.token}`,
        'idempotency-key': randomUUID(),
        traceparent,
      },
      body: JSON.stringify({ pickup: at(2, 12), dropoff: at(2, 15) }),
    })
    expect(answer.status).toBe(201)
    const { data: ride } = (await answer.json()) as { data: RideView }
    const path = [
      is('http', 'SERVER', /^POST \/v1\/rides$/, /api/),
      is('grpc', 'SERVER', /^RideService\/RequestRide$/, /matching/),
      is('sql', 'CLIENT', /^INSERT ride_events$/, /matching/),
      is('kafka', 'PRODUCER', /rides\.lifecycle$/, /matching/),
      is('kafka', 'CONSUMER', /rides\.lifecycle$/, /./),
    ]
    await waitForTrace(h.wireUrl, traceId, (seen) => hopsInOrder(seen, path))
    // The outbox row keeps the request's trace, so the relay continues it even when its timer,
    // not the request, is what publishes the row.
    const client = new pg.Client({ connectionString: h.databaseUrl })
    await client.connect()
    try {
      const { rows } = await client.query<{ traceparent: string | null }>(
        'SELECT traceparent FROM ride_events WHERE ride_id = $1 ORDER BY seq LIMIT 1',
        [ride.rideId],
      )
      expect(rows[0]?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`))
    } finally {
      await client.end()
    }
  })
})
