import { silentLogger } from '@wired/runtime'
import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { simDevices } from '../src/shared/devices'
import { startFleet } from '../src/simulator/fleet'
import { api } from './support/devices'
import { type Harness, startHarness } from './support/harness'

// The device simulator against the running system: its devices log in with their own
// credentials, report, sleep and wake, and a lock asleep when the command is sent carries it
// out once it wakes (its persistent session held the command).
describe.each(runModes().filter((mode) => mode !== 'compose'))('%s: the device simulator', (mode) => {
  let h: Harness
  let fleet: Awaited<ReturnType<typeof startFleet>> | undefined
  const progress: string[] = []
  beforeAll(async () => {
    h = await startHarness(mode)
    await h.addDevices(simDevices(8).map((device) => device.id))
    fleet = await startFleet({
      mqttUrl: h.mqttUrl,
      provisioningSecret: h.provisioningSecret,
      count: 8,
      intervalMs: 300,
      awakeMs: 1_500,
      sleepMs: 1_500,
      keepalive: 5,
      logger: silentLogger,
      progressMs: 500,
      report: (line) => progress.push(line),
    })
  })
  afterAll(async () => {
    await fleet?.stop()
    await h?.stop()
  })

  const lockOf = async () =>
    (
      (await api(h, 'GET', '/v1/homes/h001/devices')).data as Array<{
        id: string
        status: string
        state: Record<string, unknown>
      }>
    ).find((device) => device.id === 'h001-lock')

  it('its devices report, sleep and wake; a lock asleep when unlocked carries it out on waking', async () => {
    await waitFor(async () => (await lockOf())?.status === 'asleep', { timeoutMs: 10_000, what: 'h001-lock asleep' })
    const sent = await api(h, 'POST', '/v1/devices/h001-lock/commands', { action: 'unlock' })
    expect(sent).toMatchObject({ status: 202, data: { qos: 2, deviceStatus: 'asleep' } })
    const woken = await waitFor(
      async () => {
        const lock = await lockOf()
        return lock?.status === 'online' && lock.state.lastCommand === sent.data.command.id ? lock : undefined
      },
      { timeoutMs: 10_000, what: 'the lock awake and unlocked' },
    )
    expect(woken.state.locked).toBe(false)
    // Mains-powered devices never sleep, and every reading goes on to PostgreSQL.
    await waitFor(
      async () =>
        (await h.db.query("SELECT count(*)::int AS n FROM readings WHERE device_id = 'h001-thermostat'")).rows[0].n >=
        3,
      { timeoutMs: 15_000, what: 'thermostat readings stored' },
    )
    expect(progress.at(-1)).toMatch(/^simulator: 8 devices, \d+ online, \d+ asleep \| \d+ readings/)
  })
})
