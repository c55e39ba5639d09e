import { createGrpcClient } from '@wired/grpc'
import { LocationServiceClient } from '@wired/proto/uber/v1/location'
import { runModes, sleep, waitFor } from '@wired/testkit'
import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { EventProbe, rest, TestDriver } from './support/clients'
import { type Harness, startHarness, testCity } from './support/harness'

const at = (column: number, row: number) => testCity.projection.toLatLon({ x: column * 200, y: row * 200 })

describe.each(runModes())('location pipeline (%s)', (mode) => {
  let h: Harness
  let probe: EventProbe
  let location: ReturnType<typeof createGrpcClient<typeof LocationServiceClient.service>>

  beforeAll(async () => {
    h = await startHarness(mode)
    probe = await EventProbe.start(h.events)
    location = createGrpcClient(LocationServiceClient, h.urls.location, {
      caller: { name: 'rider-gateway', secret: h.grpcSecret },
    })
  })
  afterAll(async () => {
    location?.close()
    await probe?.stop()
    await h?.stop()
  })

  const positionOf = (driverId: string) =>
    location.getDriverPosition({ driverId }).then(
      ({ position }) => position,
      () => undefined,
    )
  const near = (a: { lat: number; lon: number } | undefined, b: { lat: number; lon: number }) =>
    a !== undefined && Math.abs(a.lat - b.lat) < 1e-5 && Math.abs(a.lon - b.lon) < 1e-5

  it('indexes an MQTT fix for GEOSEARCH and appends it to the location history', async () => {
    const driver = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    await driver.at(at(3, 3))
    const found = await waitFor(async () => {
      const { drivers } = await location.nearbyDrivers({ center: at(3, 4), radiusMetres: 500, limit: 10 })
      return drivers.find((each) => each.driverId === driver.id)
    })
    expect(found.distanceMetres).toBeGreaterThan(190)
    expect(found.distanceMetres).toBeLessThan(210)
    await waitFor(() => probe.locationsOf(driver.id).some((fix) => fix.source === 'mqtt'), { what: 'history' })
    await driver.close()
  })

  it('takes WebSocket fixes into the same pipeline', async () => {
    const account = await h.addDriver()
    const socket = new WebSocket(h.urls.driverSocket, { headers: { authorization: `Bearer ${account.token}` } })
    const frames: Record<string, unknown>[] = []
    socket.on('message', (data) => frames.push(JSON.parse(data.toString())))
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
    socket.send(JSON.stringify({ type: 'position', ...at(5, 5), ts: Date.now(), available: true }))
    await waitFor(async () => near(await positionOf(account.id), at(5, 5)), { what: 'ws fix indexed' })
    // The GEO index and the Kafka history are written side by side; the history may come second.
    await waitFor(() => probe.locationsOf(account.id).some((fix) => fix.source === 'ws'), { what: 'ws fix in history' })

    socket.send(JSON.stringify({ type: 'position', lat: 95, lon: 13.4, ts: Date.now(), available: true }))
    const error = await waitFor(() => frames.find((frame) => frame.type === 'error'))
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/lat must be/) })
    // Closing the socket is the WebSocket's "last will": the driver leaves matching at once.
    socket.close()
    await waitFor(async () => (await positionOf(account.id)) === undefined, { what: 'ws driver removed' })
  })

  it('refuses bad positions with a clear error and changes nothing', async () => {
    const driver = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    await driver.at(at(6, 6))
    await waitFor(async () => near(await positionOf(driver.id), at(6, 6)))
    driver.stopHeartbeat()
    const bad = [
      { lat: 123, lon: 13.4, ts: Date.now(), available: true },
      { ...at(7, 7), ts: Date.now() - 86_400_000, available: true },
      { lat: 40.7, lon: -74, ts: Date.now(), available: true },
    ]
    for (const fix of bad)
      await driver.client.publishAsync(`drivers/${driver.id}/location`, JSON.stringify(fix), { qos: 1 })
    await driver.client.publishAsync(`drivers/${driver.id}/location`, '{not json', { qos: 1 })
    await waitFor(() => driver.errors.length >= 4, { what: 'four errors' })
    expect(driver.errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/lat must be/),
      expect.stringMatching(/off the server clock/),
      expect.stringMatching(/outside the service area/),
      'payload is not JSON',
    ])
    expect(near(await positionOf(driver.id), at(6, 6))).toBe(true)
    expect(probe.locationsOf(driver.id).every((fix) => near(fix, at(6, 6)))).toBe(true)
    await driver.close()
  })

  it('refuses a position over 4 KiB: the ingest answers on the errors topic, the broker drops a huge packet', async () => {
    const driver = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    await driver.at(at(12, 3))
    await waitFor(async () => near(await positionOf(driver.id), at(12, 3)))
    driver.stopHeartbeat()
    const topic = `drivers/${driver.id}/location`
    // Just over the limit: the broker's max packet size leaves room for the topic and headers,
    // so this one reaches the location service, which must refuse it itself.
    const padded = { ...at(12, 5), ts: Date.now(), available: true, note: 'x'.repeat(4_096) }
    await driver.client.publishAsync(topic, JSON.stringify(padded), { qos: 1 })
    const refused = await waitFor(() => driver.errors.find((error) => error.about === topic), { what: 'an error' })
    expect(refused).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/4096 bytes/) })
    expect(near(await positionOf(driver.id), at(12, 3))).toBe(true)

    // 1 MiB: the broker refuses the packet at its header and closes the connection.
    const closed = new Promise<void>((resolve) => driver.client.once('close', () => resolve()))
    const huge = { ...at(12, 7), ts: Date.now(), available: true, note: 'x'.repeat(1024 * 1024) }
    driver.client.publish(topic, JSON.stringify(huge), { qos: 1 })
    await Promise.race([
      closed,
      sleep(5_000).then(() => Promise.reject(new Error('the broker kept the connection open'))),
    ])
    await sleep(300)
    expect(probe.locationsOf(driver.id).some((fix) => near(fix, at(12, 5)) || near(fix, at(12, 7)))).toBe(false)
    expect(near(await positionOf(driver.id), at(12, 7))).toBe(false)
    await driver.close().catch(() => {})
  })

  it("answers a publish on an unknown topic of the driver's own tree on its errors topic", async () => {
    const driver = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    driver.stopHeartbeat()
    const tree = `drivers/${driver.id}`
    for (const topic of [`${tree}/nonsense`, `${tree}/location/extra`, tree])
      await driver.client.publishAsync(topic, '{}', { qos: 1 })
    await driver.client.publishAsync(`${tree}/status`, 'maybe', { qos: 1 })
    await waitFor(() => driver.errors.length >= 4, { what: 'four errors' })
    expect(driver.errors).toEqual([
      { code: 'NOT_FOUND', message: expect.stringMatching(/no such topic/), about: `${tree}/nonsense` },
      { code: 'NOT_FOUND', message: expect.stringMatching(/no such topic/), about: `${tree}/location/extra` },
      { code: 'NOT_FOUND', message: expect.stringMatching(/no such topic/), about: tree },
      { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/online.*offline/), about: `${tree}/status` },
    ])
    await driver.close()
  })

  it('answers GetDriverPosition with the time and heading of the fix', async () => {
    const driver = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    driver.stopHeartbeat()
    const ts = Date.now() - 1_500
    await driver.at(at(14, 3), { ts, heading: 90 })
    const found = await waitFor(() => location.getDriverPosition({ driverId: driver.id }).catch(() => undefined))
    expect(found).toMatchObject({ recordedAtMs: ts, headingDegrees: 90 })
    expect(near(found.position, at(14, 3))).toBe(true)
    await driver.close()
  })

  it('flags a driver whose fixes jump faster than any car (driver-behaviour consumer)', async () => {
    const account = await h.addDriver()
    const driver = await TestDriver.connect(h.mqttUrl, account)
    driver.stopHeartbeat()
    const now = Date.now()
    await driver.at(at(1, 1), { ts: now - 2_000 })
    await driver.at(at(1, 11), { ts: now }) // 2 km in 2 s
    const me = await waitFor(async () => {
      const profile = await rest<{ behaviour: { implausible: number } }>(h.urls.api, 'GET', '/v1/me', {
        token: account.token,
      })
      return profile.data.behaviour.implausible > 0 ? profile : undefined
    })
    expect(me.data.behaviour).toMatchObject({ implausible: 1, speeding: 0 })
    await driver.close()
  })

  it("does not let a driver publish on another driver's topic (ACL)", async () => {
    const victim = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    await victim.at(at(8, 2))
    await waitFor(async () => near(await positionOf(victim.id), at(8, 2)))
    victim.stopHeartbeat()
    const intruder = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    intruder.stopHeartbeat()
    const spoof = JSON.stringify({ ...at(20, 20), ts: Date.now(), available: true })
    // aedes closes the connection on a denied PUBLISH; Mosquitto silently drops it.
    await Promise.race([
      intruder.client.publishAsync(`drivers/${victim.id}/location`, spoof, { qos: 1 }).catch(() => {}),
      sleep(1_000),
    ])
    await sleep(300)
    expect(near(await positionOf(victim.id), at(8, 2))).toBe(true)
    expect(probe.locationsOf(victim.id).every((fix) => near(fix, at(8, 2)))).toBe(true)
    await victim.close()
    await intruder.close().catch(() => {})
  })

  it('refuses unknown credentials at CONNECT and tokens of the wrong role at the upgrade', async () => {
    const account = await h.addDriver()
    await expect(
      mqtt.connectAsync(h.mqttUrl, { username: account.id, password: 'wrong-password', reconnectPeriod: 0 }),
    ).rejects.toThrow(/Not authorized|Bad username or password/i)
    const statusOf = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(h.urls.driverSocket, { headers })
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
        socket.once('open', () => resolve(101))
      })
    expect(await statusOf({})).toBe(401)
    const rider = await h.addRider()
    expect(await statusOf({ authorization: `Bearer ${rider.token}` })).toBe(403)
  })

  it('takes a driver out of matching when its last will fires, or when it falls silent', async () => {
    const dropped = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    const silent = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    await dropped.at(at(10, 3))
    await silent.at(at(10, 4))
    await waitFor(async () => (await positionOf(dropped.id)) && (await positionOf(silent.id)))
    const lostSignal = Date.now()
    dropped.drop()
    await waitFor(async () => (await positionOf(dropped.id)) === undefined, { what: 'last will' })
    // The staleness sweep needs 3 s of silence (at least 2.6 s after the drop, given the 400 ms
    // heartbeat): removal well before that was the will.
    expect(Date.now() - lostSignal).toBeLessThan(2_000)
    silent.stopHeartbeat()
    await waitFor(async () => (await positionOf(silent.id)) === undefined, { timeoutMs: 6_000, what: 'silence' })
    await silent.close()
  })

  it('keeps QoS 1 fixes published while the pipeline was down (persistent session)', async () => {
    const driver = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    driver.stopHeartbeat()
    await driver.at(at(2, 20))
    await waitFor(async () => near(await positionOf(driver.id), at(2, 20)))
    const route = [at(3, 20), at(4, 20), at(5, 20), at(6, 20), at(7, 20)]
    await h.restartLocation(async () => {
      // PUBACK from the broker: it holds each fix for the location service's session.
      for (const point of route) await driver.at(point)
    })
    await waitFor(async () => near(await positionOf(driver.id), at(7, 20)), { timeoutMs: 15_000, what: 'replay' })
    await waitFor(() => route.every((point) => probe.locationsOf(driver.id).some((fix) => near(fix, point))), {
      what: 'every queued fix in the history',
    })
    await driver.close()
  })
})
