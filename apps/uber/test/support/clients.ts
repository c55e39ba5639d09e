import { decodeEvent, type EventLog, type Subscription } from '@wired/events'
import type { RideEvent } from '@wired/proto/uber/v1/events'
import { waitFor } from '@wired/testkit'
import mqtt, { type MqttClient } from 'mqtt'
import { WebSocket } from 'ws'
import type { LatLon } from '../../src/shared/city'
import { DRIVER_LOCATION, KAFKA_TOPICS, RIDE_EVENT } from '../../src/shared/kafka-topics'
import type { DriverErrorMessage, RideOffer, RideUpdateMessage } from '../../src/shared/mqtt-topics'
import { type Account, uniqueId } from './harness'

export interface Envelope<T> {
  status: number
  data: T
  errors: { code: string; message: string }[]
  meta?: Record<string, unknown>
}

/** REST through fetch, returning status and envelope. */
export async function rest<T = unknown>(
  apiUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; idempotencyKey?: string } = {},
): Promise<Envelope<T>> {
  const headers: Record<string, string> = {}
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  return { status: response.status, ...((await response.json()) as Omit<Envelope<T>, 'status'>) }
}

type Frame = Record<string, unknown> & { type: string }

/** A rider app: its WebSocket to the rider gateway, recording every frame. */
export class RiderSocket {
  readonly frames: Frame[] = []
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.frames.push(JSON.parse(data.toString()) as Frame))
  }

  static async open(gatewayUrl: string, token: string): Promise<RiderSocket> {
    const socket = new WebSocket(`${gatewayUrl.replace('http', 'ws')}/v1/riders/ws`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const rider = new RiderSocket(socket)
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    return rider
  }

  send(frame: object): void {
    this.socket.send(JSON.stringify(frame))
  }

  of<T = Frame>(type: string): T[] {
    return this.frames.filter((frame) => frame.type === type) as T[]
  }

  async waitFor<T = Frame>(
    type: string,
    predicate: (frame: T) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<T> {
    return waitFor(() => this.of<T>(type).find(predicate), { timeoutMs, what: `rider frame ${type}` })
  }

  close(): void {
    this.socket.close()
  }
}

/** A hand-driven driver app on MQTT: the test decides where it is and what it answers. */
export class TestDriver {
  readonly offers: RideOffer[] = []
  readonly updates: RideUpdateMessage[] = []
  readonly errors: DriverErrorMessage[] = []
  private heartbeat: NodeJS.Timeout | undefined
  position: LatLon | undefined
  available = true

  private constructor(
    readonly id: string,
    readonly client: MqttClient,
  ) {
    client.on('message', (topic, payload) => {
      // The backend's messages lead with a `trace` field inside a traced action (the wire view):
      // a driver app that does not trace ignores it, and so does this one.
      const { trace: _trace, ...message } = JSON.parse(payload.toString())
      if (topic.endsWith('/offer')) this.offers.push(message)
      else if (topic.endsWith('/ride')) this.updates.push(message)
      else if (topic.endsWith('/errors')) this.errors.push(message)
    })
  }

  static async connect(mqttUrl: string, account: Account, options: { heartbeatMs?: number } = {}): Promise<TestDriver> {
    const client = await mqtt.connectAsync(mqttUrl, {
      clientId: `driver-${account.id}`,
      username: account.id,
      password: account.password,
      clean: true,
      reconnectPeriod: 0,
      will: { topic: `drivers/${account.id}/status`, payload: Buffer.from('offline'), qos: 1, retain: true },
    })
    const driver = new TestDriver(account.id, client)
    await client.subscribeAsync(`dispatch/${account.id}/#`, { qos: 1 })
    // Like a real app: the last fix again every so often, so the driver never looks silent.
    const every = options.heartbeatMs ?? 400
    driver.heartbeat = setInterval(() => {
      if (driver.position) void driver.publishFix(driver.position).catch(() => {})
    }, every)
    return driver
  }

  /** Moves to `position` and publishes the fix (QoS 1, resolves on PUBACK). */
  async at(position: LatLon, extra: Record<string, unknown> = {}): Promise<void> {
    this.position = position
    await this.publishFix(position, extra)
  }

  publishFix(position: LatLon, extra: Record<string, unknown> = {}): Promise<unknown> {
    const fix = { ...position, ts: Date.now(), available: this.available, ...extra }
    return this.client.publishAsync(`drivers/${this.id}/location`, JSON.stringify(fix), { qos: 1 })
  }

  /** A fix that asks to be traced, as a phone would in MQTT 3.1.1: the traceparent leads the payload. */
  publishTracedFix(position: LatLon, traceparent: string): Promise<unknown> {
    this.position = position
    const fix = { trace: traceparent, ...position, ts: Date.now(), available: this.available }
    return this.client.publishAsync(`drivers/${this.id}/location`, JSON.stringify(fix), { qos: 1 })
  }

  act(rideId: string, action: string, reason?: string): Promise<unknown> {
    return this.client.publishAsync(`drivers/${this.id}/ride`, JSON.stringify({ rideId, action, reason }), { qos: 1 })
  }

  async nextOffer(timeoutMs = 10_000): Promise<RideOffer> {
    const seen = this.offers.length
    return waitFor(() => this.offers[seen], { timeoutMs, what: `an offer for ${this.id}` })
  }

  async update(predicate: (update: RideUpdateMessage) => boolean, timeoutMs = 10_000): Promise<RideUpdateMessage> {
    return waitFor(() => this.updates.find(predicate), { timeoutMs, what: `a ride update for ${this.id}` })
  }

  stopHeartbeat(): void {
    clearInterval(this.heartbeat)
  }

  /** The phone loses signal: the TCP connection dies without DISCONNECT, so the broker fires the will. */
  drop(): void {
    this.stopHeartbeat()
    this.client.stream.destroy()
    this.client.end(true)
  }

  async close(): Promise<void> {
    this.stopHeartbeat()
    await this.client.endAsync(true)
  }
}

/** The test's own consumer of the scenario's Kafka topics (a fresh group, from now on). */
export class EventProbe {
  readonly rideEvents: RideEvent[] = []
  readonly locations: { driverId: string; lat: number; lon: number; recordedAt: number; source: string }[] = []
  private subscription: Subscription | undefined

  static async start(events: EventLog): Promise<EventProbe> {
    const probe = new EventProbe()
    probe.subscription = await events.subscribe({
      groupId: uniqueId('probe'),
      topics: [KAFKA_TOPICS.rideLifecycle, KAFKA_TOPICS.driverLocations],
      handler: async (record) => {
        if (record.topic === KAFKA_TOPICS.rideLifecycle) probe.rideEvents.push(decodeEvent(RIDE_EVENT, record))
        else {
          const location = decodeEvent(DRIVER_LOCATION, record)
          probe.locations.push({
            driverId: location.driverId,
            lat: location.position?.lat ?? 0,
            lon: location.position?.lon ?? 0,
            recordedAt: location.recordedAtMs,
            source: location.source,
          })
        }
      },
    })
    return probe
  }

  eventsOf(rideId: string): RideEvent[] {
    return this.rideEvents.filter((event) => event.rideId === rideId)
  }

  locationsOf(driverId: string) {
    return this.locations.filter((location) => location.driverId === driverId)
  }

  async stop(): Promise<void> {
    await this.subscription?.stop()
  }
}
