import { launchChromium, runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { topicOf } from '../src/shared/home-topics'
import { collect, connectDevice, publishJson } from './support/devices'
import { type Harness, startHarness } from './support/harness'

// The dashboard page in Chromium: devices from retained state, live readings over SSE, a lock
// command that the (test's) lock carries out, and the wire panel drawing the command's hops.
describe.each(runModes().filter((mode) => mode !== 'compose'))('%s: the dashboard page', (mode) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(mode)
  })
  afterAll(() => h?.stop())

  it('shows a home live, and unlocks its door with the QoS 2 publish in the wire panel', async () => {
    const { home, devices } = await h.newHome()
    const lock = await connectDevice(h, devices.lock)
    const commands = collect(lock)
    await lock.subscribeAsync(topicOf(devices.lock, 'command'), { qos: 2 })
    await publishJson(
      lock,
      devices.lock,
      'state',
      { status: 'online', at: Date.now(), locked: true, battery: 80 },
      1,
      true,
    )
    const thermostat = await connectDevice(h, devices.thermostat)
    await publishJson(
      thermostat,
      devices.thermostat,
      'state',
      { status: 'online', at: Date.now(), setpoint: 21 },
      1,
      true,
    )

    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      const failures: string[] = []
      page.on('pageerror', (error) => failures.push(error.message))
      await page.goto(`${h.dashboard}/?home=${home}`)
      await page.waitForSelector('#connection[data-state="live"]')
      const lockCard = page.locator(`[data-device="${devices.lock.id}"]`)
      await lockCard.locator('.detail', { hasText: 'locked' }).waitFor()
      expect(await lockCard.getAttribute('data-status')).toBe('online')

      // A reading published now appears on the page through SSE.
      await publishJson(
        thermostat,
        devices.thermostat,
        'telemetry',
        { id: `${devices.thermostat.id}-b1`, at: Date.now(), metric: 'temperature', value: 23.5 },
        0,
      )
      await page.locator(`[data-device="${devices.thermostat.id}"] .reading`, { hasText: 'temperature 23.5' }).waitFor()

      // Unlock: REST → MQTT QoS 2 → the lock, which reports its new state → SSE → the page.
      await lockCard.getByRole('button', { name: 'Unlock' }).click()
      const command = await waitFor(() => commands.find((m) => m.body.action === 'unlock'), {
        what: 'the command at the lock',
      })
      expect(command.packet.qos).toBe(2)
      await publishJson(
        lock,
        devices.lock,
        'state',
        { status: 'online', at: Date.now(), locked: false, lastCommand: command.body.id },
        1,
        true,
      )
      await lockCard.locator('.detail', { hasText: 'UNLOCKED' }).waitFor()
      await page.locator('#message', { hasText: /at QoS 2: PUBLISH → PUBREC .*→ PUBREL .*→ PUBCOMP/ }).waitFor()

      const panel = page.locator('#wire .wire-panel')
      // Open the unlock's trace: when the lock's state report happens to be traced (one in ten is,
      // WIRE_SAMPLE_RATIO), the page follows it and that trace, with no HTTP hop, is on show.
      await panel.locator('.wire-action', { hasText: `unlock ${devices.lock.id}` }).click()
      await panel.locator('.wire-row.wire-p-http').first().waitFor({ timeout: 20_000 })
      await panel.locator('.wire-row.wire-p-mqtt').first().waitFor({ timeout: 20_000 })

      // History: clicking the thermostat lists what PostgreSQL holds for it.
      await page.locator(`[data-device="${devices.thermostat.id}"]`).click()
      await waitFor(
        async () => {
          await page.locator(`[data-device="${devices.thermostat.id}"]`).click()
          return (await page.locator('#history li').count()) > 0
        },
        { timeoutMs: 15_000, intervalMs: 500, what: 'history on the page' },
      )
      expect(await page.locator('#history li').first().textContent()).toMatch(/temperature 23.5/)
      expect(failures).toEqual([])
    } finally {
      await browser.close()
      await lock.endAsync()
      await thermostat.endAsync()
    }
  }, 60_000)
})
