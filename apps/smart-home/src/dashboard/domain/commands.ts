import type { DeviceKind } from '../../shared/devices'

/** What a person can ask each kind of device to do. A motion sensor takes no commands. */
export interface Command {
  action: string
  value?: number
}

const ACTIONS: Record<DeviceKind, Record<string, [number, number] | null>> = {
  lock: { lock: null, unlock: null },
  light: { on: null, off: null, dim: [0, 100] },
  thermostat: { setpoint: [5, 30] },
  motion: {},
}

export type CheckedCommand = { ok: true; command: Command } | { ok: false; reason: string }

export function checkCommand(kind: DeviceKind, body: Command): CheckedCommand {
  const actions = ACTIONS[kind]
  if (!(body.action in actions)) {
    const allowed = Object.keys(actions)
    return {
      ok: false,
      reason: allowed.length ? `a ${kind} accepts ${allowed.join(', ')}` : `a ${kind} accepts no commands`,
    }
  }
  const range = actions[body.action]
  if (range === null) {
    if (body.value !== undefined) return { ok: false, reason: `${body.action} takes no value` }
    return { ok: true, command: { action: body.action } }
  }
  if (body.value === undefined || body.value < range![0] || body.value > range![1])
    return { ok: false, reason: `${body.action} needs a value in [${range![0]}, ${range![1]}]` }
  return { ok: true, command: { action: body.action, value: body.value } }
}
