import { randomBytes } from 'node:crypto'
import type { EventLog } from '@wired/events'
import type { RunMode } from '@wired/testkit'
import { type City, createCity } from '../../src/shared/city'
import { bootUber } from './boot-uber'

/** Timings shrunk so behaviours that take minutes in life take a second here. */
export interface Knobs {
  offerTimeoutMs: number
  dispatchRounds: number
  dispatchRoundDelayMs: number
  staleAfterMs: number
  surgeDemandWindowMs: number
  surgeSupplyWindowMs: number
  /** How many times faster than the streets' speed the simulated cars and the driver page drive. */
  simSpeedup: number
}

export const TEST_KNOBS: Knobs = {
  offerTimeoutMs: 1_500,
  dispatchRounds: 2,
  dispatchRoundDelayMs: 300,
  staleAfterMs: 3_000,
  surgeDemandWindowMs: 60_000,
  surgeSupplyWindowMs: 60_000,
  simSpeedup: 3,
}

export interface Account {
  id: string
  password: string
  token: string
}

export interface Harness {
  mode: RunMode
  city: City
  urls: { riderPage: string; api: string; driverSocket: string; location: string; matching: string; pricing: string }
  mqttUrl: string
  grpcSecret: string
  /** The wire view's collector (Zipkin's API): where a test reads a trace's hops back. */
  wireUrl: string
  /** The scenario's database, for checking what was stored. */
  databaseUrl: string
  /** The test's own view of the event log (its own consumer groups). */
  events: EventLog
  /** Signs a driver up over REST and makes sure the broker accepts its credentials. */
  addDriver(id?: string): Promise<Account>
  addRider(): Promise<Account>
  /** Takes the location pipeline down (a crash in real mode), runs `duringOutage`, brings it back. */
  restartLocation(duringOutage: () => Promise<void>): Promise<void>
  stop(): Promise<void>
}

export async function startHarness(mode: RunMode, knobs: Knobs = TEST_KNOBS): Promise<Harness> {
  const uber = await bootUber(mode, knobs)
  const signUps = await addAccounts(uber.urls.api)
  return {
    mode,
    city: testCity,
    urls: uber.urls,
    mqttUrl: uber.mqttUrl,
    grpcSecret: uber.grpcSecret,
    wireUrl: uber.booted.env.WIRE_COLLECTOR_URL!,
    databaseUrl: uber.booted.env.DATABASE_URL!,
    events: uber.events,
    async addDriver(id = uniqueId('drv')) {
      const account = await signUps.driver(id)
      await uber.addBrokerAccount({ username: account.id, password: account.password })
      return account
    },
    addRider: () => signUps.rider(),
    async restartLocation(duringOutage) {
      // Real: kill -9 of the process. Embedded: the service stops and starts again in place.
      await uber.booted.processes!.kill('location')
      await duringOutage()
      await uber.booted.processes!.start('location')
    },
    stop: () => uber.stop(),
  }
}

export const testCity = createCity()
export const uniqueId = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`

export async function signUp(apiUrl: string, path: '/v1/riders' | '/v1/drivers', body: object): Promise<string> {
  const response = await fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const envelope = (await response.json()) as { data: { token: string } | null; errors: unknown[] }
  if (response.status !== 201 || !envelope.data) throw new Error(`signup failed: ${JSON.stringify(envelope.errors)}`)
  return envelope.data.token
}

export async function addAccounts(apiUrl: string) {
  return {
    async driver(id: string): Promise<Account> {
      const password = randomBytes(9).toString('base64url')
      const token = await signUp(apiUrl, '/v1/drivers', { id, name: `Driver ${id}`, vehicle: 'Test car', password })
      return { id, password, token }
    },
    async rider(): Promise<Account> {
      const password = randomBytes(9).toString('base64url')
      const email = `${uniqueId('rider')}@example.test`
      const response = await fetch(`${apiUrl}/v1/riders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, name: 'Test Rider', password }),
      })
      const { data } = (await response.json()) as { data: { rider: { id: string }; token: string } }
      return { id: data.rider.id, password, token: data.token }
    },
  }
}
