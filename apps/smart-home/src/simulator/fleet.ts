import type { Logger } from '@wired/runtime'
import { devicePassword, simDevices } from '../shared/devices'
import { SimDevice } from './device'
import { sleeps } from './domain/behaviour'

export interface FleetOptions {
  mqttUrl: string
  provisioningSecret: string
  count: number
  /** Between two readings of one device. */
  intervalMs: number
  /** Battery devices: awake this long, then asleep for sleepMs. */
  awakeMs: number
  sleepMs: number
  keepalive: number
  logger: Logger
  /** Between two progress lines. */
  progressMs?: number
  /** Where the progress line goes. Default: the logger at info (compose: the container's log). */
  report?: (line: string) => void
}

/**
 * The device simulator: `count` devices (a quarter each thermostats, motion sensors, locks and
 * lights, four to a home), each its own MQTT connection with its own credentials. Readings go
 * out on one shared timer; battery devices sleep and wake; a progress line says how it goes.
 */
export async function startFleet(options: FleetOptions) {
  const devices = simDevices(options.count).map(
    (identity) =>
      new SimDevice(identity, {
        url: options.mqttUrl,
        password: devicePassword(options.provisioningSecret, identity.id),
        keepalive: options.keepalive,
      }),
  )
  // Connect in waves: a thousand CONNECTs at once would queue behind each other anyway.
  for (let i = 0; i < devices.length; i += 50) await Promise.all(devices.slice(i, i + 50).map((d) => d.connect()))

  const started = Date.now()
  const next = devices.map(() => started + Math.random() * options.intervalMs)
  // Each sleeper gets its own phase, so the fleet never sleeps all at once.
  const cycle = options.awakeMs + options.sleepMs
  const phase = devices.map(() => Math.random() * cycle)
  let stopped = false

  const tick = setInterval(() => {
    const now = Date.now()
    devices.forEach((device, i) => {
      if (sleeps(device.identity.kind)) {
        const awake = (now - started + phase[i]!) % cycle < options.awakeMs
        if (!awake && !device.asleep) void device.sleep().catch(() => {})
        else if (awake && device.asleep) void device.wake().catch(() => {})
      }
      if (now >= next[i]!) {
        next[i] = now + options.intervalMs
        void device.publishReading().catch(() => {})
      }
    })
  }, 100)

  let lastSent = 0
  const progress = setInterval(() => {
    const sent = devices.reduce((sum, d) => sum + d.sent, 0)
    const online = devices.filter((d) => d.online).length
    const asleep = devices.filter((d) => d.asleep).length
    const commands = devices.reduce((sum, d) => sum + d.commandsApplied, 0)
    const rate = ((sent - lastSent) * 1000) / (options.progressMs ?? 5_000)
    lastSent = sent
    const line = `simulator: ${devices.length} devices, ${online} online, ${asleep} asleep | ${sent} readings (${rate.toFixed(0)}/s) | ${commands} commands applied`
    if (options.report) options.report(line)
    else options.logger.info({ devices: devices.length, online, asleep, sent, rate, commands }, line)
  }, options.progressMs ?? 5_000)

  return {
    devices,
    async stop() {
      if (stopped) return
      stopped = true
      clearInterval(tick)
      clearInterval(progress)
      await Promise.all(devices.map((device) => device.stop()))
    },
  }
}
