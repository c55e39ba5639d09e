import { type Logger, seededRandom } from '@wired/runtime'
import type { City, LatLon } from '../shared/city'
import { DriverApp, type OfferPolicy } from './driver-app'

export interface FleetOptions {
  apiUrl: string
  mqttUrl: string
  city: City
  count: number
  /** Drivers are `<prefix>-001`, `<prefix>-002`, ... (MQTT usernames and topic levels). */
  idPrefix: string
  password: string
  /** Real milliseconds between two fixes of a driver (the guide: every 4 s). */
  intervalMs: number
  /** Simulated seconds per real second: > 1 makes cars drive faster than life (tests, demos). */
  speedup: number
  policy?: OfferPolicy
  boardingSeconds?: number
  /** Sign the drivers up over REST first (skip when the broker already knows them). */
  signUp?: boolean
  starts?: LatLon[]
  seed?: number
  logger: Logger
}

export interface Fleet {
  drivers: DriverApp[]
  stop(): Promise<void>
}

/** N driver apps on one timer. Each tick publishes one QoS 1 fix per driver. */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const random = seededRandom(options.seed ?? 7)
  const drivers: DriverApp[] = []
  const ids = Array.from({ length: options.count }, (_, i) => `${options.idPrefix}-${String(i + 1).padStart(3, '0')}`)
  // Four at a time: each sign-up is a scrypt hash on the api's libuv thread pool (four threads),
  // so one at a time left three idle and made the scenario's start seconds longer.
  if (options.signUp ?? true)
    for (let i = 0; i < ids.length; i += 4)
      await Promise.all(ids.slice(i, i + 4).map((id) => signUp(options.apiUrl, id, options.password)))
  for (const [i, id] of ids.entries()) {
    const node = options.city.nodes[Math.floor(random() * options.city.nodes.length)]!
    drivers.push(
      new DriverApp({
        id,
        password: options.password,
        mqttUrl: options.mqttUrl,
        city: options.city,
        start: options.starts?.[i] ?? options.city.projection.toLatLon(node),
        policy: options.policy ?? 'accept',
        boardingSeconds: options.boardingSeconds ?? 20,
        random,
        logger: options.logger,
      }),
    )
  }
  await Promise.all(drivers.map((driver) => driver.connect()))
  const simulatedSeconds = (options.intervalMs / 1000) * options.speedup
  let ticking = false
  const timer = setInterval(() => {
    if (ticking) return // a slow broker delays the fleet instead of stacking ticks
    ticking = true
    Promise.all(drivers.map((driver) => driver.tick(simulatedSeconds)))
      .catch((error: unknown) => options.logger.warn({ err: error }, 'fleet tick failed'))
      .finally(() => {
        ticking = false
      })
  }, options.intervalMs)
  return {
    drivers,
    async stop() {
      clearInterval(timer)
      await Promise.allSettled(drivers.map((driver) => driver.close()))
    },
  }
}

async function signUp(apiUrl: string, id: string, password: string): Promise<void> {
  const response = await fetch(`${apiUrl}/v1/drivers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, name: `Driver ${id}`, vehicle: 'Simulated hatchback', password }),
  })
  // 409: signed up by an earlier run, fine.
  if (response.status !== 201 && response.status !== 409)
    throw new Error(`signing up ${id} failed: ${response.status} ${await response.text()}`)
}
