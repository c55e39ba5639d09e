import { type DeviceIdentity, parseDeviceId } from '../../shared/devices'

export interface DeviceView extends DeviceIdentity {
  /** From the device's retained state: online, asleep, or offline (its last will). */
  status: string
  state: Record<string, unknown>
  lastReading: { metric: string; value: number; at: number } | null
  updatedAt: number
}

/**
 * Every device the dashboard has heard of, built from MQTT alone: subscribing to `home/#` hands
 * over each device's retained state at once, then keeps it current. A device is known once it
 * has published its state, which it does on its first connect: the moment the broker holds a
 * persistent session for it, so a command sent to it will wait for it.
 */
export class DeviceRegistry {
  private readonly devices = new Map<string, DeviceView>()

  get(id: string): DeviceView | undefined {
    return this.devices.get(id)
  }

  inHome(home: string): DeviceView[] {
    return [...this.devices.values()].filter((device) => device.home === home).sort((a, b) => a.id.localeCompare(b.id))
  }

  homes(): Array<{ home: string; devices: number; online: number }> {
    const homes = new Map<string, { home: string; devices: number; online: number }>()
    for (const device of this.devices.values()) {
      const entry = homes.get(device.home) ?? { home: device.home, devices: 0, online: 0 }
      entry.devices += 1
      if (device.status === 'online') entry.online += 1
      homes.set(device.home, entry)
    }
    return [...homes.values()].sort((a, b) => a.home.localeCompare(b.home))
  }

  updateState(id: string, state: Record<string, unknown>): DeviceView | undefined {
    const identity = parseDeviceId(id)
    if (!identity || typeof state.status !== 'string') return undefined
    const known = this.devices.get(id)
    const view: DeviceView = {
      ...identity,
      status: state.status,
      state,
      lastReading: known?.lastReading ?? null,
      updatedAt: Date.now(),
    }
    this.devices.set(id, view)
    return view
  }

  recordReading(id: string, reading: { metric: string; value: number; at: number }): void {
    const known = this.devices.get(id)
    // Only what the page shows: not the whole message (its id, its trace) for 1,000 devices.
    if (known) known.lastReading = { metric: reading.metric, value: reading.value, at: reading.at }
  }
}
