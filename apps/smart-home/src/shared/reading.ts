import { eventType, type MessageCodec } from '@wired/events'
import { Notification as NotificationMessage, Reading as ReadingMessage } from '@wired/proto/smarthome/v1/events'
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
 * Values are protobuf on the wire (packages/proto/proto/smarthome/v1/events.proto), named by the
 * `event-type` header like every Kafka value in Wired. The message has plain strings where these
 * types have unions: the bridge checked every field (checkReading) before the reading went on the
 * topic, so what a consumer decodes is a Reading.
 */
const readingCodec: MessageCodec<Reading> = {
  encode: (reading) => ReadingMessage.encode(reading),
  decode: (bytes) => ReadingMessage.decode(bytes) as Reading,
}

export const READING = eventType<Reading>('wired.smarthome.v1.Reading', readingCodec)
export const NOTIFICATION = eventType<Notification>('wired.smarthome.v1.Notification', NotificationMessage)
