import { publishTraced } from '@wired/mqtt'
import type { Logger } from '@wired/runtime'
import { Hops } from '@wired/wire'
import mqtt, { type MqttClient } from 'mqtt'
import { type City, type LatLon, planRoute } from '../shared/city'
import {
  MQTT_TOPICS,
  type PositionReport,
  QOS,
  type RideActionMessage,
  type RideOffer,
  type RideUpdateMessage,
} from '../shared/mqtt-topics'
import { Journey } from './domain/journey'

export type OfferPolicy = 'accept' | 'decline' | 'ignore'

export interface DriverAppOptions {
  id: string
  password: string
  mqttUrl: string
  city: City
  start: LatLon
  policy: OfferPolicy
  /** Simulated seconds the rider takes to get in. */
  boardingSeconds: number
  random: () => number
  logger: Logger
}

type Mode = 'cruising' | 'to-pickup' | 'boarding' | 'to-dropoff'

/**
 * One simulated driver app on MQTT, behaving as the guide describes: a persistent connection
 * (clean=false, so offers sent while its phone blinked off are kept), GPS on
 * drivers/<id>/location at QoS 1, a last will that marks it offline, offers answered on
 * drivers/<id>/ride. `tick()` moves the car and publishes one fix.
 */
export class DriverApp {
  private client: MqttClient | undefined
  private readonly hops = new Hops()
  private mode: Mode = 'cruising'
  private journey: Journey
  private position: LatLon
  private ride: RideOffer | undefined
  private boardedFor = 0
  private readonly offers = new Map<string, RideOffer>()

  constructor(private readonly options: DriverAppOptions) {
    this.position = options.start
    this.journey = this.cruise()
  }

  get id(): string {
    return this.options.id
  }

  get status(): { mode: Mode; position: LatLon; rideId: string | undefined } {
    return { mode: this.mode, position: this.position, rideId: this.ride?.rideId }
  }

  async connect(): Promise<void> {
    const { id, password, mqttUrl } = this.options
    const client = mqtt.connect(mqttUrl, {
      clientId: `driver-${id}`,
      username: id,
      password,
      clean: false,
      keepalive: 30,
      reconnectPeriod: 1_000,
      connectTimeout: 5_000,
      // Published by the broker if this connection dies without a DISCONNECT: matching stops
      // offering rides to a driver whose phone lost signal.
      will: { topic: MQTT_TOPICS.status(id), payload: Buffer.from('offline'), qos: QOS.status, retain: true },
    })
    client.on('message', (topic, payload) => this.onMessage(topic, payload.toString('utf8')))
    this.client = client
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve())
      client.once('error', reject)
    })
    await client.subscribeAsync(`dispatch/${id}/#`, { qos: 1 })
    await client.publishAsync(MQTT_TOPICS.status(id), 'online', { qos: QOS.status, retain: true })
  }

  /** Advances the car by `seconds` of simulated time and publishes where it is. */
  async tick(seconds: number): Promise<void> {
    const point = this.journey.advance(seconds)
    if (point) this.position = this.options.city.projection.toLatLon(point)
    await this.progress(seconds)
    const fix: PositionReport = {
      lat: this.position.lat,
      lon: this.position.lon,
      heading: Math.round(this.journey.heading) % 360,
      speedMps: this.journey.speedMps,
      ts: Date.now(),
      available: this.mode === 'cruising',
    }
    // The phone starts the fix's trace: the wire view follows it through location, Kafka and Redis.
    if (this.client)
      await publishTraced(this.client, MQTT_TOPICS.location(this.id), fix, { qos: QOS.location }, this.hops)
  }

  async close(): Promise<void> {
    // A clean goodbye: "offline" by choice, then DISCONNECT (which suppresses the last will).
    await this.client?.publishAsync(MQTT_TOPICS.status(this.id), 'offline', { qos: QOS.status, retain: true })
    await this.client?.endAsync()
  }

  private async progress(seconds: number): Promise<void> {
    if (this.mode === 'boarding') this.boardedFor += seconds
    if (this.mode === 'cruising' && this.journey.done) this.journey = this.cruise()
    if (this.mode === 'to-pickup' && this.journey.done && this.ride) {
      this.mode = 'boarding'
      this.boardedFor = 0
      await this.act('arrive')
    } else if (this.mode === 'boarding' && this.ride && this.boardedFor >= this.options.boardingSeconds) {
      this.mode = 'to-dropoff'
      this.journey = this.routeTo(this.ride.dropoff)
      await this.act('start')
    } else if (this.mode === 'to-dropoff' && this.journey.done && this.ride) {
      await this.act('complete')
      this.ride = undefined
      this.mode = 'cruising'
    }
  }

  private onMessage(topic: string, text: string): void {
    const kind = topic.split('/')[2]
    try {
      if (kind === 'offer') this.onOffer(JSON.parse(text) as RideOffer)
      else if (kind === 'ride') this.onRideUpdate(JSON.parse(text) as RideUpdateMessage)
      else if (kind === 'errors') this.options.logger.warn({ driver: this.id, error: JSON.parse(text) }, 'refused')
    } catch (error) {
      this.options.logger.warn({ err: error, topic }, 'driver app could not read a message')
    }
  }

  private onOffer(offer: RideOffer): void {
    if (this.options.policy === 'ignore') return
    const accept = this.options.policy === 'accept' && this.mode === 'cruising' && offer.expiresAt > Date.now()
    if (accept) this.offers.set(offer.rideId, offer)
    void this.act(accept ? 'accept' : 'decline', offer.rideId)
  }

  private onRideUpdate(update: RideUpdateMessage): void {
    if (update.status === 'accepted') {
      const offer = this.offers.get(update.rideId)
      this.offers.delete(update.rideId)
      if (!offer || this.mode !== 'cruising') return
      this.ride = offer
      this.mode = 'to-pickup'
      this.journey = this.routeTo(offer.pickup)
    } else if (update.status === 'cancelled' && update.rideId === this.ride?.rideId) {
      this.ride = undefined
      this.mode = 'cruising'
      this.journey = this.cruise()
    }
  }

  private async act(action: RideActionMessage['action'], rideId = this.ride?.rideId): Promise<void> {
    if (!rideId) return
    const message: RideActionMessage = { rideId, action }
    await this.client?.publishAsync(MQTT_TOPICS.rideAction(this.id), JSON.stringify(message), { qos: QOS.rideAction })
  }

  private routeTo(destination: LatLon): Journey {
    return new Journey(planRoute(this.options.city, this.position, destination).legs)
  }

  /** Idle drivers drive to a random intersection, then another. */
  private cruise(): Journey {
    const { city, random } = this.options
    const node = city.nodes[Math.floor(random() * city.nodes.length)]!
    return this.routeTo(city.projection.toLatLon(node))
  }
}
