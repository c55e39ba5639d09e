import { randomUUID } from 'node:crypto'
import { RideStatus } from '@wired/proto/uber/v1/common'
import { seededRandom, silentLogger } from '@wired/runtime'
import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { RideView } from '../src/shared/ride-messages'
import { DriverApp } from '../src/simulator/driver-app'
import { EventProbe, RiderSocket, rest, TestDriver } from './support/clients'
import { type Harness, startHarness, testCity } from './support/harness'

const at = (column: number, row: number) => testCity.projection.toLatLon({ x: column * 200, y: row * 200 })

describe.each(runModes())('rides (%s)', (mode) => {
  let h: Harness
  let probe: EventProbe

  beforeAll(async () => {
    h = await startHarness(mode)
    probe = await EventProbe.start(h.events)
  })
  afterAll(async () => {
    await probe?.stop()
    await h?.stop()
  })

  const requestRide = (token: string, pickup: object, dropoff: object, key = randomUUID()) =>
    rest<RideView>(h.urls.api, 'POST', '/v1/rides', { token, body: { pickup, dropoff }, idempotencyKey: key })

  it('matches, tracks with a falling ETA, completes and is paid, with every step on Kafka in order', async () => {
    const account = await h.addDriver()
    const app = new DriverApp({
      ...account,
      mqttUrl: h.mqttUrl,
      city: testCity,
      start: at(8, 5),
      policy: 'accept',
      boardingSeconds: 2,
      random: seededRandom(1),
      logger: silentLogger,
    })
    await app.connect()
    const driving = setInterval(() => void app.tick(3).catch(() => {}), 100)
    try {
      const rider = await h.addRider()
      const socket = await RiderSocket.open(h.urls.riderPage, rider.token)
      await waitFor(
        async () =>
          (
            await rest(h.urls.api, 'POST', '/v1/quotes', {
              token: rider.token,
              body: { pickup: at(5, 5), dropoff: at(5, 9) },
            })
          ).status === 200,
      )
      const requested = await requestRide(rider.token, at(5, 5), at(5, 9))
      expect(requested.status).toBe(201)
      const ride = requested.data
      expect(ride).toMatchObject({ status: 'requested', surgeMultiplier: 1, driverId: null })

      const completed = await socket.waitFor<{ ride: RideView }>('ride', (f) => f.ride.status === 'completed', 30_000)
      expect(completed.ride).toMatchObject({ rideId: ride.rideId, driverId: account.id, fareCents: ride.fareCents })
      const statuses = socket.of<{ ride: RideView }>('ride').map((frame) => frame.ride.status)
      expect(statuses).toEqual(expect.arrayContaining(['accepted', 'arrived', 'started', 'completed']))

      const approach = socket.of<{ etaSeconds: number; target: string }>('driver').filter((f) => f.target === 'pickup')
      expect(approach.length).toBeGreaterThan(3)
      const etas = approach.map((frame) => frame.etaSeconds)
      expect(etas[0]!).toBeGreaterThan(etas[etas.length - 1]!)
      for (let i = 1; i < etas.length; i++) expect(etas[i]!).toBeLessThanOrEqual(etas[i - 1]! + 2)
      expect(socket.of<{ target: string }>('driver').some((frame) => frame.target === 'dropoff')).toBe(true)

      await waitFor(() => probe.eventsOf(ride.rideId).length >= 5, { what: 'five lifecycle events' })
      const events = probe.eventsOf(ride.rideId)
      expect(events.map((event) => event.status)).toEqual([
        RideStatus.REQUESTED,
        RideStatus.ACCEPTED,
        RideStatus.ARRIVED,
        RideStatus.STARTED,
        RideStatus.COMPLETED,
      ])
      expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5])

      const key = randomUUID()
      const pay = () =>
        rest<{ amountCents: number }>(h.urls.api, 'POST', `/v1/rides/${ride.rideId}/payment`, {
          token: rider.token,
          body: { method: 'card' },
          idempotencyKey: key,
        })
      const paid = await pay()
      expect(paid.status).toBe(201)
      expect(paid.data.amountCents).toBe(ride.fareCents)
      expect((await pay()).data).toEqual(paid.data) // a retry replays the first answer
      const again = await rest(h.urls.api, 'POST', `/v1/rides/${ride.rideId}/payment`, {
        token: rider.token,
        body: { method: 'cash' },
        idempotencyKey: randomUUID(),
      })
      expect(again.status).toBe(409)
      const history = await rest<(RideView & { payment: unknown })[]>(h.urls.api, 'GET', '/v1/rides', {
        token: rider.token,
      })
      expect(history.data[0]).toMatchObject({
        rideId: ride.rideId,
        status: 'completed',
        payment: { amountCents: ride.fareCents },
      })
      socket.close()
    } finally {
      clearInterval(driving)
      await app.close()
    }
  })

  it('offers the ride first to the driver who arrives first, not the nearest across the river', async () => {
    const acrossRiver = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    const sameBank = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    await acrossRiver.at(at(8, 13)) // 200 m away, but the nearest bridge is 4 blocks off
    await sameBank.at(at(5, 12)) // 600 m away on the same bank
    const rider = await h.addRider()
    const { data: ride } = await requestRide(rider.token, at(8, 12), at(1, 12))
    const offer = await sameBank.nextOffer()
    expect(offer.rideId).toBe(ride.rideId)
    expect(acrossRiver.offers).toHaveLength(0)
    await sameBank.act(ride.rideId, 'decline')
    const second = await acrossRiver.nextOffer()
    expect(second.rideId).toBe(ride.rideId)
    expect(second.etaSeconds).toBeGreaterThan(offer.etaSeconds)
    await acrossRiver.act(ride.rideId, 'accept')
    await acrossRiver.update((update) => update.rideId === ride.rideId && update.status === 'accepted')

    // Cancel from the rider's side: the driver is told over MQTT at once.
    const socket = await RiderSocket.open(h.urls.riderPage, rider.token)
    await socket.waitFor<{ ride: RideView }>('ride', (frame) => frame.ride.status === 'accepted')
    socket.send({ type: 'cancel', rideId: ride.rideId, reason: 'found a friend' })
    const told = await acrossRiver.update((update) => update.status === 'cancelled')
    expect(told).toMatchObject({ rideId: ride.rideId, cancelledBy: 'rider', reason: 'found a friend' })
    await waitFor(() => probe.eventsOf(ride.rideId).some((event) => event.status === RideStatus.CANCELLED))
    socket.close()
    await Promise.all([acrossRiver.close(), sameBank.close()])
  })

  it('shows the driver at once after acceptance with the time of its last fix, never 0', async () => {
    const driver = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    driver.stopHeartbeat() // no live fix after this one: the rider's first frame must come from GetDriverPosition
    const ts = Date.now() - 1_000
    await driver.at(at(18, 4), { ts, heading: 270 })
    const rider = await h.addRider()
    const socket = await RiderSocket.open(h.urls.riderPage, rider.token)
    const { data: ride } = await requestRide(rider.token, at(17, 4), at(17, 8))
    await driver.nextOffer()
    await driver.act(ride.rideId, 'accept')
    const shown = await socket.waitFor<{ recordedAt: number; heading: number; target: string }>('driver')
    expect(shown).toMatchObject({ rideId: ride.rideId, recordedAt: ts, heading: 270, target: 'pickup' })
    socket.send({ type: 'cancel', rideId: ride.rideId, reason: 'test over' })
    await socket.waitFor<{ ride: RideView }>('ride', (frame) => frame.ride.status === 'cancelled')
    expect(socket.of<{ recordedAt: number }>('driver').every((frame) => frame.recordedAt > 0)).toBe(true)
    socket.close()
    driver.drop()
  })

  it('tells the rider at once when the driver cancels, and refuses steps out of order', async () => {
    const driverAccount = await h.addDriver()
    const driver = await TestDriver.connect(h.mqttUrl, driverAccount)
    await driver.at(at(16, 4))
    const rider = await h.addRider()
    const socket = await RiderSocket.open(h.urls.riderPage, rider.token)
    const { data: ride } = await requestRide(rider.token, at(15, 4), at(15, 8))
    await driver.nextOffer()
    await driver.act(ride.rideId, 'start') // not accepted yet: refused on dispatch/<id>/errors
    await waitFor(() => driver.errors.find((error) => error.code === 'PERMISSION_DENIED'))
    await driver.act(ride.rideId, 'accept')
    await socket.waitFor<{ ride: RideView }>('ride', (frame) => frame.ride.status === 'accepted')
    await driver.act(ride.rideId, 'cancel', 'flat tyre')
    const cancelled = await socket.waitFor<{ ride: RideView }>('ride', (frame) => frame.ride.status === 'cancelled')
    expect(cancelled.ride).toMatchObject({ cancelledBy: 'driver', cancelReason: 'flat tyre' })
    // The driver-behaviour consumer counted it, and the driver's profile (REST) shows it.
    const profile = await waitFor(async () => {
      const me = await rest<{ behaviour: { cancellations: number } }>(h.urls.api, 'GET', '/v1/me', {
        token: driverAccount.token,
      })
      return me.data.behaviour.cancellations === 1 ? me : undefined
    })
    expect(profile.data).toMatchObject({ role: 'driver', id: driver.id })
    // Another rider cannot read this ride: it does not exist for them.
    const stranger = await h.addRider()
    expect((await rest(h.urls.api, 'GET', `/v1/rides/${ride.rideId}`, { token: stranger.token })).status).toBe(404)
    expect(
      (await rest<RideView>(h.urls.api, 'GET', `/v1/rides/${ride.rideId}`, { token: rider.token })).data.status,
    ).toBe('cancelled')
    socket.close()
    await driver.close()
  })

  it('refuses requests without auth, bad input, and a second ride for a rider who has one', async () => {
    const rider = await h.addRider()
    const driverAccount = await h.addDriver()
    const trip = { pickup: at(20, 20), dropoff: at(22, 22) }
    expect((await rest(h.urls.api, 'POST', '/v1/rides', { body: trip, idempotencyKey: 'k1' })).status).toBe(401)
    const asDriver = await rest(h.urls.api, 'POST', '/v1/rides', {
      token: driverAccount.token,
      body: trip,
      idempotencyKey: 'k1',
    })
    expect(asDriver.status).toBe(403)
    const outside = await requestRide(rider.token, { lat: 48.8, lon: 2.3 }, at(1, 1))
    expect(outside).toMatchObject({ status: 400, errors: [{ code: 'INVALID_ARGUMENT' }] })
    const invalid = await requestRide(rider.token, { lat: 'north', lon: 2 }, at(1, 1))
    expect(invalid.status).toBe(400)
    const noKey = await rest(h.urls.api, 'POST', '/v1/rides', { token: rider.token, body: trip })
    expect(noKey.status).toBe(400)

    const socket = await RiderSocket.open(h.urls.riderPage, rider.token)
    const key = randomUUID()
    const first = await requestRide(rider.token, trip.pickup, trip.dropoff, key)
    const retried = await requestRide(rider.token, trip.pickup, trip.dropoff, key)
    expect(first.status).toBe(201)
    expect(retried.data.rideId).toBe(first.data.rideId) // a double-clicked request is one ride
    const second = await requestRide(rider.token, trip.pickup, trip.dropoff)
    expect(second).toMatchObject({ status: 409, errors: [{ code: 'ALREADY_EXISTS' }] })
    const history = await rest<RideView[]>(h.urls.api, 'GET', '/v1/rides', { token: rider.token })
    expect(history.data).toHaveLength(1)
    // Nobody drives there: after its rounds, dispatch gives up and the system cancels.
    const gaveUp = await socket.waitFor<{ ride: RideView }>(
      'ride',
      (frame) => frame.ride.status === 'cancelled',
      15_000,
    )
    expect(gaveUp.ride).toMatchObject({ cancelledBy: 'system', cancelReason: 'no driver available' })
    socket.close()
  })

  it('moves an offer on at once when its driver leaves, and tells the rider which offer it waits for', async () => {
    // Three drivers down one street from the pickup: nearest on the WebSocket, then two on MQTT.
    const onSocket = await h.addDriver()
    const socketDriver = new WebSocket(h.urls.driverSocket, { headers: { authorization: `Bearer ${onSocket.token}` } })
    const socketOffers: { rideId: string; expiresAt: number }[] = []
    socketDriver.on('message', (data) => {
      const frame = JSON.parse(data.toString())
      if (frame.type === 'offer') socketOffers.push(frame)
    })
    await new Promise((resolve, reject) => socketDriver.once('open', resolve).once('error', reject))
    socketDriver.send(JSON.stringify({ type: 'position', ...at(2, 17), ts: Date.now(), available: true }))
    const second = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    const third = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    await second.at(at(2, 18))
    await third.at(at(2, 19))
    const rider = await h.addRider()
    const socket = await RiderSocket.open(h.urls.riderPage, rider.token)
    const { data: ride } = await requestRide(rider.token, at(2, 16), at(6, 16))

    const first = await waitFor(() => socketOffers[0], { what: 'an offer on the driver socket' })
    socketDriver.close() // the WebSocket's "last will"
    const afterClose = await second.nextOffer()
    expect(afterClose.rideId).toBe(ride.rideId)
    // Well before the first offer would have expired (OFFER_TIMEOUT_MS = 1.5 s in the tests).
    expect(Date.now()).toBeLessThan(first.expiresAt - 700)

    second.drop() // the phone loses signal: the broker publishes its last will
    const afterWill = await third.nextOffer()
    expect(afterWill.rideId).toBe(ride.rideId)
    expect(Date.now()).toBeLessThan(afterClose.expiresAt - 700)
    await third.act(ride.rideId, 'accept')
    await socket.waitFor<{ ride: RideView }>('ride', (frame) => frame.ride.status === 'accepted')

    // While it waited, the rider was told which offer of how many was out, and for how long.
    const progress = socket.of<{ rideId: string; offer: number; candidates: number; round: number; rounds: number }>(
      'dispatch',
    )
    const offers = progress.filter((frame) => frame.offer > 0)
    // Our three, and on shared infra maybe a driver another test left parked farther away.
    const candidates = offers[0]?.candidates ?? 0
    expect(candidates).toBeGreaterThanOrEqual(3)
    expect(offers).toEqual([
      expect.objectContaining({ rideId: ride.rideId, round: 1, rounds: 2, offer: 1, candidates }),
      expect.objectContaining({ offer: 2, candidates, expiresAt: afterClose.expiresAt }),
      expect.objectContaining({ offer: 3, candidates, expiresAt: afterWill.expiresAt }),
    ])
    socket.send({ type: 'cancel', rideId: ride.rideId, reason: 'test over' })
    await third.update((update) => update.status === 'cancelled')
    socket.close()
    third.drop()
  })
})
