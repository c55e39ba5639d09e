import type { DeviceIdentity, DeviceKind } from './devices'

/**
 * The topic tree: `home/<home>/<room>/<device>/<channel>`. The channel says what a message is,
 * and with it how much its delivery matters, which is what MQTT's QoS levels express:
 *
 *   telemetry  device → backend  QoS 0 (routine: the next reading replaces a lost one);
 *                                QoS 1 for readings that must not be lost (the bridge acks them
 *                                only once Kafka has them)
 *   alert      device → backend  QoS 1 (at least once: motion at 3 am must arrive)
 *   state      device → all      QoS 1, retained (a new dashboard sees every device at once);
 *                                the last will writes `offline` here
 *   command    backend → device  QoS 2 for locks (exactly once: "unlock" must not run twice),
 *                                QoS 1 for the others (setting a light twice is harmless)
 *   error      backend → device  QoS 1: why the backend refused what the device sent
 */
export const CHANNELS = ['telemetry', 'alert', 'state', 'command', 'error'] as const
export type Channel = (typeof CHANNELS)[number]

export const topicOf = (device: Pick<DeviceIdentity, 'home' | 'room' | 'id'>, channel: Channel): string =>
  `home/${device.home}/${device.room}/${device.id}/${channel}`

export interface ParsedTopic {
  home: string
  room: string
  device: string
  channel: Channel
}

export function parseTopic(topic: string): ParsedTopic | null {
  const levels = topic.split('/')
  if (levels.length !== 5 || levels[0] !== 'home') return null
  const [, home, room, device, channel] = levels as [string, string, string, string, string]
  if (!(CHANNELS as readonly string[]).includes(channel)) return null
  return { home, room, device, channel: channel as Channel }
}

/** Wildcard subscriptions (the guide's `home/+/temperature` and `home/#`), in this tree's shape. */
export const SUBSCRIPTIONS = {
  /** The bridge: every device's readings and alerts, nothing else. */
  telemetry: 'home/+/+/+/telemetry',
  alerts: 'home/+/+/+/alert',
  /** The dashboard: everything under home/, retained state included. */
  everything: 'home/#',
} as const

export type QoS = 0 | 1 | 2

/** Locks get exactly-once commands; for a light or a thermostat a repeat is harmless. */
export const commandQos = (kind: DeviceKind): QoS => (kind === 'lock' ? 2 : 1)

/** Mosquitto's max_packet_size and aedes's limit: a reading is ~100 bytes. */
export const MAX_PACKET_BYTES = 4096
/** What the bridge accepts as one message body; bigger is refused on the device's error topic. */
export const MAX_PAYLOAD_BYTES = 1024
