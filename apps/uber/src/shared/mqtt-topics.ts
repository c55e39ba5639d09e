import { AppError } from '@wired/runtime'

/**
 * The MQTT topic tree between driver apps and the backend. Drivers authenticate with their own
 * credentials and the broker's ACL lets a driver write only under `drivers/<own id>/` and read
 * only `dispatch/<own id>/` (Mosquitto: `pattern write drivers/%u/#`, `pattern read dispatch/%u/#`).
 * So the driver id in a topic is proof of who sent it: no payload field is trusted for identity.
 *
 * QoS by criticality (guide: "QoS 1, at least once" for GPS):
 *   drivers/<id>/location  QoS 1  GPS every 4 s; a lost fix is harmless, but a reconnecting
 *                                 driver's queued fixes should still arrive (persistent session)
 *   drivers/<id>/status    QoS 1  retained "online"; the last will sets retained "offline"
 *   drivers/<id>/ride      QoS 1  accept / decline / arrive / start / complete / cancel
 *   dispatch/<id>/offer    QoS 1  a ride offered to this driver
 *   dispatch/<id>/ride     QoS 1  the driver's ride changed (e.g. the rider cancelled)
 *   dispatch/<id>/errors   QoS 0  why the backend refused something the driver sent, including a
 *                                 publish on a topic under drivers/<id>/ that nobody reads
 */
export const MQTT_TOPICS = {
  location: (driverId: string) => `drivers/${driverId}/location`,
  status: (driverId: string) => `drivers/${driverId}/status`,
  rideAction: (driverId: string) => `drivers/${driverId}/ride`,
  offer: (driverId: string) => `dispatch/${driverId}/offer`,
  rideUpdate: (driverId: string) => `dispatch/${driverId}/ride`,
  errors: (driverId: string) => `dispatch/${driverId}/errors`,
  /** Subscriptions of the backend (one level wildcard: the driver id). */
  allLocations: 'drivers/+/location',
  allStatuses: 'drivers/+/status',
  allRideActions: 'drivers/+/ride',
  /** Every topic a driver may publish on, known or not (the location service's subscription). */
  allDriverTopics: 'drivers/#',
} as const

export const QOS = { location: 1, status: 1, rideAction: 1, offer: 1, rideUpdate: 1, errors: 0 } as const

/** Driver ids are MQTT topic levels: no `/`, `+`, `#`, and short enough for a password file. */
export const DRIVER_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,31}$/

/** `drivers/d-7/location` → `d-7`; undefined for any other shape. */
export function driverIdOf(topic: string): string | undefined {
  const [root, driverId] = topic.split('/')
  return root === 'drivers' && driverId && DRIVER_ID_PATTERN.test(driverId) ? driverId : undefined
}

/** What a driver app publishes on drivers/<id>/location (JSON), and sends as a WS `position` frame. */
export interface PositionReport {
  lat: number
  lon: number
  /** Degrees clockwise from north. */
  heading?: number
  speedMps?: number
  /** The device's clock, ms since the epoch. */
  ts: number
  /** False while on a trip. */
  available: boolean
}

export const RIDE_ACTIONS = ['accept', 'decline', 'arrive', 'start', 'complete', 'cancel'] as const
export type DriverRideAction = (typeof RIDE_ACTIONS)[number]

/** drivers/<id>/ride */
export interface RideActionMessage {
  rideId: string
  action: DriverRideAction
  reason?: string
}

/** dispatch/<id>/offer */
export interface RideOffer {
  rideId: string
  pickup: { lat: number; lon: number }
  dropoff: { lat: number; lon: number }
  fareCents: number
  etaSeconds: number
  /** The driver must answer before this instant (ms since the epoch), or the next driver is asked. */
  expiresAt: number
}

/** dispatch/<id>/ride */
export interface RideUpdateMessage {
  rideId: string
  status: string
  cancelledBy?: string
  reason?: string
}

/** dispatch/<id>/errors */
export interface DriverErrorMessage {
  code: string
  message: string
  /** The topic (or WS frame type) of the refused message. */
  about: string
}

/**
 * The most a driver app may send in one message, on either path: a fix is about 150 bytes of
 * JSON, so 4 KiB is generous, and a phone sending more is broken or hostile. The driver
 * WebSocket sets it as its maxPayload; the MQTT consumers refuse a larger payload themselves.
 */
export const MAX_DRIVER_MESSAGE_BYTES = 4 * 1024

/**
 * The broker's max packet size (Mosquitto `max_packet_size`, the embedded aedes alike): the
 * whole PUBLISH, so a message at the limit plus room for its topic, packet id and MQTT 5
 * properties. A bigger packet closes the connection at the broker and never reaches a service.
 */
export const MAX_DRIVER_PACKET_BYTES = MAX_DRIVER_MESSAGE_BYTES + 512

/** MQTT payloads are bytes: JSON of at most MAX_DRIVER_MESSAGE_BYTES, or a clear error. */
export function parseJsonPayload(payload: Uint8Array | string): unknown {
  const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength
  if (bytes > MAX_DRIVER_MESSAGE_BYTES)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `a message is at most ${MAX_DRIVER_MESSAGE_BYTES} bytes; this one is ${bytes}`,
    )
  try {
    return JSON.parse(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8'))
  } catch {
    throw new AppError('INVALID_ARGUMENT', 'payload is not JSON')
  }
}
