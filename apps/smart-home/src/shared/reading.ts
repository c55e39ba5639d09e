import { eventType, type MessageCodec } from '@wired/events'
import type { DeviceKind } from './devices'

/**
 * One reading or alert as it travels from the bridge on: Kafka `smarthome.readings` (key = device
 * id), then a row of PostgreSQL's `readings`. `id` is the device's own (`<device>-<seq>`), so a
 * message the broker redelivers, or the bridge sends twice after a crash, is one row.
 */
export interface Reading {
  id: string
  device: string
  home: string
  room: string
  kind: DeviceKind
  channel: 'telemetry' | 'alert'
  /** telemetry: temperature | motion | battery | power; alert: the alert's type (motion, tamper, jammed). */
  metric: string
  value: number
  /** When the device measured it (ms since the epoch). */
  at: number
  /** The QoS the device published it with: 1 means it must not be lost on the way. */
  qos: number
}

/** A threshold rule fired: what the alerts service stores and the dashboard shows. */
export interface Notification {
  id: string
  home: string
  device: string
  rule: string
  message: string
  value: number
  at: number
}

/**
 * Values are JSON on the wire here, named by the `event-type` header like every Kafka value in
 * Wired: a reading is a handful of numbers, and JSON lets a reader inspect the topic with
 * kafka-console-consumer. (The other scenarios use protobuf; see the README for the trade-off.)
 */
const json = <T>(): MessageCodec<T> => ({
  encode: (message) => ({ finish: () => Buffer.from(JSON.stringify(message)) }),
  decode: (bytes) => JSON.parse(Buffer.from(bytes).toString('utf8')) as T,
})

export const READING = eventType<Reading>('wired.smarthome.Reading', json<Reading>())
export const NOTIFICATION = eventType<Notification>('wired.smarthome.Notification', json<Notification>())
