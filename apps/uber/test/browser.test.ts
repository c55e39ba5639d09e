import { silentLogger } from '@wired/runtime'
import { launchChromium, runModes } from '@wired/testkit'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DriverApp } from '../src/simulator/driver-app'
import { mulberry32 } from '../src/simulator/fleet'
import { type Harness, startHarness, testCity } from './support/harness'

const at = (column: number, row: number) => testCity.projection.toLatLon({ x: column * 200, y: row * 200 })

describe.each(runModes())('rider page in headless Chromium (%s)', (mode) => {
  let h: Harness
  let browser: Browser

  beforeAll(async () => {
    ;[h, browser] = await Promise.all([startHarness(mode), launchChromium()])
  })
  afterAll(async () => {
    await browser?.close()
    await h?.stop()
  })

  it('signs up, requests a ride on the map page and watches the driver arrive', async () => {
    const account = await h.addDriver()
    const driver = new DriverApp({
      ...account,
      mqttUrl: h.mqttUrl,
      city: testCity,
      start: at(14, 3),
      policy: 'accept',
      boardingSeconds: 60,
      random: mulberry32(3),
      logger: silentLogger,
    })
    await driver.connect()
    const driving = setInterval(() => void driver.tick(3).catch(() => {}), 150)
    try {
      const page = await browser.newPage()
      const failures: string[] = []
      page.on('pageerror', (error) => failures.push(error.message))
      page.on('requestfailed', (request) => failures.push(`${request.url()} failed`))
      await page.goto(h.urls.riderPage)
      await page.fill('#email', `browser-${Date.now()}@example.test`)
      await page.fill('#name', 'Browser Rider')
      await page.fill('#password', 'correct horse battery')
      await page.click('#signup')
      await page.waitForSelector('#trip:not([hidden])')
      expect(await page.textContent('#connection')).toMatch(/live/)

      const pickup = at(11, 3)
      const dropoff = at(11, 7)
      await page.fill('#pickup', `${pickup.lat}, ${pickup.lon}`)
      await page.fill('#dropoff', `${dropoff.lat}, ${dropoff.lon}`)
      await page.click('#request')
      await page.waitForSelector('#ride-status[data-status="accepted"]', { timeout: 15_000 })
      const firstEta = Number(await page.getAttribute('#eta', 'data-seconds'))
      await page.waitForSelector('#ride-status[data-status="arrived"]', { timeout: 30_000 })
      const lastEta = Number(await page.getAttribute('#eta', 'data-seconds'))
      expect(firstEta).toBeGreaterThan(lastEta)
      expect(await page.textContent('#ride-driver')).toBe(account.id)
      // The map drew the city itself: streets on a canvas, nothing fetched from elsewhere.
      const requested = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))
      expect(requested.every((url) => url.startsWith('http://127.0.0.1'))).toBe(true)
      expect(failures).toEqual([])
      await page.close()
    } finally {
      clearInterval(driving)
      await driver.close()
    }
  })
})
