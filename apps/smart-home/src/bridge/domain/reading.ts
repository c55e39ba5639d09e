import type { DeviceKind } from '../../shared/devices'
import { parseDeviceId } from '../../shared/devices'
import type { ParsedTopic } from '../../shared/home-topics'
import { MAX_PAYLOAD_BYTES } from '../../shared/home-topics'
import type { Reading } from '../../shared/reading'

/** What each kind of device measures, and the range a real one can report. */
export const METRICS: Record<DeviceKind, Record<string, [number, number]>> = {
  thermostat: { temperature: [-40, 80], battery: [0, 100] },
  motion: { motion: [0, 1], battery: [0, 100] },
  lock: { battery: [0, 100] },
  light: { power: [0, 500] },
}

export type Checked = { ok: true; reading: Reading } | { ok: false; reason: string; id?: string }

const ID = /^[A-Za-z0-9_.:-]{1,64}$/
const ALERT_TYPE = /^[a-z_]{1,32}$/
/** A device clock more than a day off is broken; its readings would land in the wrong time range. */
const MAX_SKEW_MS = 24 * 60 * 60 * 1000

/**
 * Checks one message from a device before it enters the pipeline: the topic must be the one its
 * id implies (the broker's ACL only pins the device level), and the body a reading it could have
 * measured. Anything else is refused with a reason the device reads on its error topic.
 */
export function checkReading(topic: ParsedTopic, payload: Buffer, qos: number, now: number): Checked {
  const device = parseDeviceId(topic.device)
  if (!device) return { ok: false, reason: `'${topic.device}' is not a device id` }
  if (device.home !== topic.home || device.room !== topic.room)
    return {
      ok: false,
      reason: `${device.id} lives at home/${device.home}/${device.room}, not home/${topic.home}/${topic.room}`,
    }
  if (topic.channel !== 'telemetry' && topic.channel !== 'alert')
    return { ok: false, reason: `the ${topic.channel} channel carries no readings` }
  if (payload.length > MAX_PAYLOAD_BYTES)
    return { ok: false, reason: `payload of ${payload.length} bytes is over the ${MAX_PAYLOAD_BYTES}-byte limit` }
  let body: unknown
  try {
    body = JSON.parse(payload.toString('utf8'))
  } catch {
    return { ok: false, reason: 'payload is not JSON' }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, reason: 'payload is not a JSON object' }
  const { id, at, metric, value, type } = body as Record<string, unknown>
  if (typeof id !== 'string' || !ID.test(id)) return { ok: false, reason: 'id must be 1-64 letters, digits or _.:-' }
  if (typeof at !== 'number' || !Number.isFinite(at) || Math.abs(at - now) > MAX_SKEW_MS)
    return { ok: false, id, reason: 'at must be the measurement time in ms, within a day of now' }
  const base = { id, device: device.id, home: device.home, room: device.room, kind: device.kind, at, qos }
  if (topic.channel === 'alert') {
    if (typeof type !== 'string' || !ALERT_TYPE.test(type)) return { ok: false, id, reason: 'an alert needs a type' }
    return {
      ok: true,
      reading: { ...base, channel: 'alert', metric: type, value: typeof value === 'number' ? value : 1 },
    }
  }
  const range = typeof metric === 'string' ? METRICS[device.kind][metric] : undefined
  if (!range)
    return { ok: false, id, reason: `a ${device.kind} reports ${Object.keys(METRICS[device.kind]).join(' or ')}` }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range[0] || value > range[1])
    return { ok: false, id, reason: `${metric} must be a number in [${range[0]}, ${range[1]}]` }
  return { ok: true, reading: { ...base, channel: 'telemetry', metric: metric as string, value } }
}
