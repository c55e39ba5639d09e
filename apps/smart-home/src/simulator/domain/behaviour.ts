import type { DeviceKind } from '../../shared/devices'

/**
 * What a simulated device measures and when it sleeps: pure functions of its state and a random
 * source, so the behaviour can be read and tested without a broker.
 */
export interface DeviceState {
  /** thermostat */
  temperature: number
  setpoint: number
  /** lock */
  locked: boolean
  /** light */
  on: boolean
  brightness: number
  battery: number
}

export const initialState = (random: () => number): DeviceState => ({
  temperature: 19 + random() * 4,
  setpoint: 21,
  locked: true,
  on: false,
  brightness: 100,
  battery: 60 + random() * 40,
})

export interface Measurement {
  metric: string
  value: number
}

/** One reading: the room drifts toward the setpoint, with noise; once in a while a hot spell. */
export function measure(kind: DeviceKind, state: DeviceState, random: () => number): Measurement {
  switch (kind) {
    case 'thermostat': {
      const spell = random() < 0.002 ? 12 : 0 // rare: a heater left on, so the too-hot rule fires
      state.temperature += (state.setpoint - state.temperature) * 0.1 + (random() - 0.5) * 0.4
      return { metric: 'temperature', value: round(state.temperature + spell) }
    }
    case 'motion':
      return { metric: 'motion', value: random() < 0.1 ? 1 : 0 }
    case 'lock':
      state.battery = Math.max(0, state.battery - random() * 0.05)
      return { metric: 'battery', value: round(state.battery) }
    case 'light':
      return { metric: 'power', value: state.on ? round((state.brightness / 100) * 9 + random() * 0.2) : 0 }
  }
}

/** Battery-powered devices (motion sensors, locks) sleep between short wake windows; mains devices never. */
export const sleeps = (kind: DeviceKind): boolean => kind === 'motion' || kind === 'lock'

/** Applies a command the dashboard sent; returns the state to report, or null when it does not apply. */
export function applyCommand(
  kind: DeviceKind,
  state: DeviceState,
  command: { action?: unknown; value?: unknown },
): Record<string, unknown> | null {
  const value = typeof command.value === 'number' ? command.value : undefined
  if (kind === 'lock' && (command.action === 'lock' || command.action === 'unlock'))
    state.locked = command.action === 'lock'
  else if (kind === 'light' && (command.action === 'on' || command.action === 'off')) state.on = command.action === 'on'
  else if (kind === 'light' && command.action === 'dim' && value !== undefined) {
    state.on = value > 0
    state.brightness = value
  } else if (kind === 'thermostat' && command.action === 'setpoint' && value !== undefined) state.setpoint = value
  else return null
  return reported(kind, state)
}

/** The part of a device's state it publishes (retained) on its state topic. */
export function reported(kind: DeviceKind, state: DeviceState): Record<string, unknown> {
  switch (kind) {
    case 'lock':
      return { locked: state.locked, battery: round(state.battery) }
    case 'light':
      return { on: state.on, brightness: state.brightness }
    case 'thermostat':
      return { setpoint: state.setpoint }
    case 'motion':
      return { battery: round(state.battery) }
  }
}

const round = (value: number) => Math.round(value * 10) / 10
