import { randomUUID } from 'node:crypto'
import { type CallerCredentials, createGrpcClient } from '@wired/grpc'
import { LocationServiceClient } from '@wired/proto/uber/v1/location'
import type { RedisClient } from '@wired/redis'
import { waitFor } from '@wired/testkit'
import mqtt from 'mqtt'
import { WebSocket } from 'ws'
import { readFixCounter } from '../src/location/entrypoints/metrics.routes'
import { createCity } from '../src/shared/city'
import { redisKeys } from '../src/shared/live-positions'
import { RiderSocket, rest } from '../test/support/clients'
import type { Account } from '../test/support/harness'
import { type PublisherJob, startPublisher } from './load'
import { percentiles } from './stats'

const city = createCity()
const randomCenter = () => city.projection.toLatLon({ x: Math.random() * 4800, y: Math.random() * 4800 })

export interface Urls {
  riderPage: string
  api: string
  driverSocket: string
  location: string
  locationHttp: string
}

/** The location service's own counters, read from its GET /metrics. */
export async function fixCounters(urls: Urls) {
  const text = await (await fetch(`${urls.locationHttp}/metrics`)).text()
  return { written: readFixCounter(text, 'written'), failed: readFixCounter(text, 'failed') }
}

/** Fixes over MQTT QoS 1 → Mosquitto → location service → GEOADD (and Kafka, and PUBLISH). */
export async function measureIngest(urls: Urls, load: Omit<PublisherJob, 'mode'>, rounds: number) {
  const before = await fixCounters(urls)
  const publisher = startPublisher({ ...load, mode: 'burst', rounds })
  await publisher.ready
  const started = performance.now()
  const total = load.drivers * rounds
  const published = await publisher.done
  const after = await waitFor(
    async () => {
      const now = await fixCounters(urls)
      return now.written - before.written >= total ? now : undefined
    },
    { timeoutMs: 120_000, intervalMs: 10 },
  )
  const ms = performance.now() - started
  return {
    fixes: total,
    perSecond: (total / ms) * 1000,
    publisherPerSecond: (total / published.ms) * 1000,
    failed: after.failed - before.failed,
  }
}

export async function measureGeosearch(
  urls: Urls,
  redis: RedisClient,
  prefix: string,
  queries: number,
  radiusMetres: number,
  caller: CallerCredentials,
) {
  const key = redisKeys(prefix).online
  const online = await redis.zcard(key)
  const direct: number[] = []
  for (let i = 0; i < queries; i++) {
    const center = randomCenter()
    const started = performance.now()
    await redis.geosearch(
      key,
      'FROMLONLAT',
      center.lon,
      center.lat,
      'BYRADIUS',
      radiusMetres,
      'm',
      'ASC',
      'COUNT',
      20,
      'WITHCOORD',
      'WITHDIST',
    )
    direct.push(performance.now() - started)
  }
  // The bench asks as the rider gateway does (src/shared/callers.ts).
  const location = createGrpcClient(LocationServiceClient, urls.location, { caller })
  const viaGrpc: number[] = []
  for (let i = 0; i < queries; i++) {
    const started = performance.now()
    await location.nearbyDrivers({ center: randomCenter(), radiusMetres, limit: 20 })
    viaGrpc.push(performance.now() - started)
  }
  location.close()
  return { online, redis: percentiles(direct), grpc: percentiles(viaGrpc) }
}

/** A watched driver's fix → MQTT → location → Redis pub/sub → rider gateway → rider's WebSocket. */
export async function measureRiderLatency(
  urls: Urls,
  mqttUrl: string,
  driver: Account,
  rider: Account,
  background: Omit<PublisherJob, 'mode'> & { rate: number; durationMs: number },
) {
  const pickup = city.projection.toLatLon({ x: 2000, y: 400 })
  const client = await mqtt.connectAsync(mqttUrl, {
    username: driver.id,
    password: driver.password,
    clientId: `driver-${driver.id}`,
  })
  await client.subscribeAsync(`dispatch/${driver.id}/#`, { qos: 1 })
  const publishFix = (x: number) =>
    client.publishAsync(
      `drivers/${driver.id}/location`,
      JSON.stringify({ ...city.projection.toLatLon({ x, y: 400 }), ts: Date.now(), available: false }),
      { qos: 1 },
    )
  client.on('message', (topic, payload) => {
    const message = JSON.parse(payload.toString())
    if (topic.endsWith('/offer'))
      void client.publishAsync(
        `drivers/${driver.id}/ride`,
        JSON.stringify({ rideId: message.rideId, action: 'accept' }),
        { qos: 1 },
      )
  })
  // Exactly at the pickup: ranked first by ETA among the 10,000 (silent) benchmark drivers.
  await publishFix(2000)
  const socket = await RiderSocket.open(urls.riderPage, rider.token)
  const requested = await rest<{ rideId: string }>(urls.api, 'POST', '/v1/rides', {
    token: rider.token,
    body: { pickup, dropoff: city.projection.toLatLon({ x: 2000, y: 2000 }) },
    idempotencyKey: randomUUID(),
  })
  if (requested.status !== 201) throw new Error(`ride request failed: ${JSON.stringify(requested.errors)}`)
  await socket.waitFor<{ ride: { status: string } }>('ride', (frame) => frame.ride.status === 'accepted', 20_000)

  const latencies: number[] = []
  socket.socket.on('message', (data) => {
    const frame = JSON.parse(data.toString())
    if (frame.type === 'driver' && frame.recordedAt > 0) latencies.push(Date.now() - frame.recordedAt)
  })
  const load = startPublisher({ ...background, mode: 'steady' })
  await load.ready
  let x = 2400
  const ticker = setInterval(() => {
    x = x > 4000 ? 2400 : x + 5
    void publishFix(x)
  }, 50)
  const published = await load.done
  clearInterval(ticker)
  socket.send({ type: 'cancel', rideId: requested.data.rideId })
  socket.close()
  await client.endAsync()
  return { ...percentiles(latencies), backgroundPerSecond: (published.published / published.ms) * 1000 }
}

/** One driver per protocol, same fixes: bytes on the wire and device → GEO index latency. */
export async function compareDriverProtocols(
  urls: Urls,
  redis: RedisClient,
  prefix: string,
  mqttUrl: string,
  viaMqtt: Account,
  viaWs: Account,
  fixes: number,
) {
  const subscriber = redis.duplicate()
  const arrivals = new Map<string, number[]>([
    [viaMqtt.id, []],
    [viaWs.id, []],
  ])
  subscriber.on('message', (_channel: string, message: string) => {
    const live = JSON.parse(message)
    arrivals.get(live.driverId)?.push(Date.now() - live.recordedAt)
  })
  await subscriber.subscribe(redisKeys(prefix).positions(viaMqtt.id), redisKeys(prefix).positions(viaWs.id))
  const mqttClient = await mqtt.connectAsync(mqttUrl, {
    username: viaMqtt.id,
    password: viaMqtt.password,
    clientId: `driver-${viaMqtt.id}`,
    keepalive: 60,
  })
  const ws = new WebSocket(urls.driverSocket, { headers: { authorization: `Bearer ${viaWs.token}` } })
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  const mqttSocket = mqttClient.stream as unknown as { bytesWritten: number; bytesRead: number }
  const wsSocket = (ws as unknown as { _socket: { bytesWritten: number; bytesRead: number } })._socket
  const start = { mqtt: { ...pick(mqttSocket) }, ws: { ...pick(wsSocket) } }
  for (let i = 0; i < fixes; i++) {
    // available=false: a driver on a trip, whose fixes are fanned out to its rider.
    const fix = {
      ...city.projection.toLatLon({ x: 1000 + i * 5, y: 1200 }),
      ts: Date.now(),
      available: false,
      heading: 90,
      speedMps: 8,
    }
    await mqttClient.publishAsync(`drivers/${viaMqtt.id}/location`, JSON.stringify(fix), { qos: 1 })
    ws.send(JSON.stringify({ type: 'position', ...fix }))
    await new Promise((resolve) => setTimeout(resolve, 60)) // under the WebSocket's 20 frames/s limit
  }
  await waitFor(() => [...arrivals.values()].every((list) => list.length >= fixes), { timeoutMs: 10_000 })
  const perFix = (
    now: { bytesWritten: number; bytesRead: number },
    then: { bytesWritten: number; bytesRead: number },
  ) => ({
    up: (now.bytesWritten - then.bytesWritten) / fixes,
    down: (now.bytesRead - then.bytesRead) / fixes,
  })
  const result = {
    mqtt: { ...perFix(mqttSocket, start.mqtt), latency: percentiles(arrivals.get(viaMqtt.id)!) },
    ws: { ...perFix(wsSocket, start.ws), latency: percentiles(arrivals.get(viaWs.id)!) },
  }
  ws.close()
  await mqttClient.endAsync()
  subscriber.disconnect()
  return result
}

const pick = (socket: { bytesWritten: number; bytesRead: number }) => ({
  bytesWritten: socket.bytesWritten,
  bytesRead: socket.bytesRead,
})
