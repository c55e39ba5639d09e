import { createHmac } from 'node:crypto'

/**
 * The four kinds of device a home has, the room each sits in, and how critical its messages are.
 * A device's id names its home and kind (`h042-lock`), so the topic it may write under follows
 * from its id alone: the broker's ACL pins the device level, the bridge checks home and room.
 */
export const DEVICE_KINDS = ['thermostat', 'motion', 'lock', 'light'] as const
export type DeviceKind = (typeof DEVICE_KINDS)[number]

export const ROOM_OF: Record<DeviceKind, string> = {
  thermostat: 'living',
  motion: 'hall',
  lock: 'door',
  light: 'kitchen',
}

export interface DeviceIdentity {
  id: string
  home: string
  room: string
  kind: DeviceKind
}

const ID_PATTERN = /^([a-z0-9]{1,16})-(thermostat|motion|lock|light)$/

/** `h042-lock` → { home: 'h042', room: 'door', kind: 'lock' }; null for anything else. */
export function parseDeviceId(id: string): DeviceIdentity | null {
  const match = ID_PATTERN.exec(id)
  if (!match) return null
  const kind = match[2] as DeviceKind
  return { id, home: match[1]!, room: ROOM_OF[kind], kind }
}

export const deviceId = (home: string, kind: DeviceKind): string => `${home}-${kind}`

/** The simulator's homes: h001, h002, ... (four devices each). */
export const simHome = (n: number): string => `h${String(n).padStart(3, '0')}`

export function simDevices(count: number): DeviceIdentity[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = DEVICE_KINDS[i % DEVICE_KINDS.length]!
    return parseDeviceId(deviceId(simHome(Math.floor(i / DEVICE_KINDS.length) + 1), kind))!
  })
}

/**
 * Per-device credentials without a table of a thousand passwords: each device's password is an
 * HMAC of its id under the deployment's provisioning secret, written into the device at the
 * factory. Knowing one device's password tells nothing about another's; the broker (aedes) checks
 * by recomputing it, and Mosquitto gets the same passwords hashed in its password file.
 */
export function devicePassword(provisioningSecret: string, id: string): string {
  return createHmac('sha256', provisioningSecret).update(id).digest('base64url').slice(0, 24)
}
