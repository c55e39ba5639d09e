import { seededRandom, silentLogger } from '@wired/runtime'
import { launchChromium, runModes } from '@wired/testkit'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DriverApp } from '../src/simulator/driver-app'
import { TestDriver } from './support/clients'
import { type Harness, startHarness, TEST_KNOBS, testCity } from './support/harness'
import { requestRideOnPage, signUpOnPage } from './support/rider-page'

const at = (column: number, row: number) => testCity.projection.toLatLon({ x: column * 200, y: row * 200 })
const clock = (seconds: number) => `${Math.floor(seconds / 60)} min ${seconds % 60} s`

// The page's driver drives 10× the streets' speed here (3× in a demo), so a ride the test
// follows end to end takes seconds.
const SPEEDUP = 10

describe.each(runModes())('rider page in headless Chromium (%s)', (mode) => {
  let h: Harness
  let browser: Browser

  beforeAll(async () => {
    ;[h, browser] = await Promise.all([startHarness(mode, { ...TEST_KNOBS, simSpeedup: SPEEDUP }), launchChromium()])
  })
  afterAll(async () => {
    await browser?.close()
    await h?.stop()
  })

  it('signs up, requests a ride, sees which offer it waits for, watches the driver arrive and pays', async () => {
    // The nearest driver never answers: the page says whose answer it is waiting for meanwhile.
    const silent = await TestDriver.connect(h.mqttUrl, await h.addDriver())
    await silent.at(at(11, 3)) // at the pickup: no cruising simulated car can beat it
    const account = await h.addDriver()
    const driver = new DriverApp({
      ...account,
      mqttUrl: h.mqttUrl,
      city: testCity,
      start: at(14, 3),
      policy: 'accept',
      boardingSeconds: 60,
      random: seededRandom(3),
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
      await signUpOnPage(page, 'Browser Rider')

      const pickup = at(11, 3)
      const dropoff = at(11, 7)
      await requestRideOnPage(page, pickup, dropoff)
      // The silent driver holds the first offer for OFFER_TIMEOUT_MS; the second is accepted at once.
      await page.waitForSelector('#ride-driver:has-text("offering your ride to driver 1 of 2")', { timeout: 10_000 })
      await page.waitForSelector('#ride-status[data-status="accepted"]', { timeout: 15_000 })
      await page.waitForSelector('#eta[data-seconds]')
      // The ETA is at the streets' speed limits while the simulated cars drive SIM_SPEEDUP times
      // faster: the page says so, and what that makes it on screen.
      const shown = await page.evaluate(() => ({
        seconds: Number(document.getElementById('eta')?.dataset.seconds),
        note: document.getElementById('eta-note')?.textContent ?? '',
      }))
      const firstEta = shown.seconds
      expect(shown.note).toContain(`${SPEEDUP}× faster`)
      expect(shown.note).toContain(clock(Math.round(firstEta / SPEEDUP)))
      await page.waitForSelector('#ride-status[data-status="arrived"]', { timeout: 30_000 })
      const lastEta = Number(await page.getAttribute('#eta', 'data-seconds'))
      expect(firstEta).toBeGreaterThan(lastEta)
      expect(await page.textContent('#ride-driver')).toBe(account.id)
      // Checked once the ETA was read: the car keeps driving meanwhile. The wire panel follows a
      // traced GPS fix of the assigned driver (one in ten is, by default: MQTT in, Redis pub/sub,
      // the frame to this page); its first action, the request, went REST → gRPC → SQL → Kafka.
      const panel = page.locator('#wire .wire-panel')
      await panel.locator('.wire-action', { hasText: 'GPS fix of your driver' }).waitFor({ timeout: 15_000 })
      for (const protocol of ['mqtt', 'redis', 'ws'])
        await panel.locator(`.wire-row.wire-p-${protocol}`).first().waitFor({ timeout: 20_000 })
      await panel.locator('.wire-action', { hasText: 'request a ride' }).click()
      await panel.locator('.wire-row.wire-p-http', { hasText: 'POST /v1/rides' }).first().waitFor()
      for (const protocol of ['grpc', 'sql', 'kafka'])
        await panel.locator(`.wire-row.wire-p-${protocol}`).first().waitFor({ timeout: 20_000 })

      await page.waitForSelector('#ride-status[data-status="completed"]', { timeout: 30_000 })
      await page.click('#pay')
      await page.waitForSelector('#message:has-text("paid")')
      // Good news in the success colour, not the error red.
      expect(await page.getAttribute('#message', 'data-tone')).toBe('success')
      expect(await page.$eval('#message', (element) => getComputedStyle(element).color)).toBe('rgb(36, 122, 61)')
      // The map drew the city itself: streets on a canvas, nothing fetched from elsewhere.
      const requested = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))
      expect(requested.every((url) => url.startsWith('http://127.0.0.1'))).toBe(true)
      expect(failures).toEqual([])
      await page.close()
    } finally {
      clearInterval(driving)
      await driver.close()
      await silent.close()
    }
  }, 90_000)

  it('a driver page goes online, takes the offer, drives to the pickup and the drop-off, and completes', async () => {
    const pickup = at(3, 3)
    const dropoff = at(3, 7)
    const driverTab = await (await browser.newContext()).newPage()
    const failures: string[] = []
    driverTab.on('pageerror', (error) => failures.push(error.message))
    await driverTab.goto(`${h.urls.riderPage}/driver.html`)
    await driverTab.fill('#driver-id', `page-${Date.now().toString(36)}`)
    await driverTab.fill('#password', 'correct horse battery')
    await driverTab.click('#signup')
    await driverTab.waitForSelector('#shift:not([hidden])')
    // Park the car at the pickup: a click on the map at its point.
    const bounds = await driverTab.evaluate(async () => (await (await fetch('/city.json')).json()).bounds)
    const box = (await driverTab.locator('#map').boundingBox())!
    await driverTab.locator('#map').click({
      position: {
        x: ((pickup.lon - bounds.west) / (bounds.east - bounds.west)) * box.width,
        y: ((bounds.north - pickup.lat) / (bounds.north - bounds.south)) * box.height,
      },
    })
    await driverTab.click('#online')
    await driverTab.waitForSelector('#connection:has-text("live")')

    const riderTab = await (await browser.newContext()).newPage()
    await riderTab.goto(h.urls.riderPage)
    await signUpOnPage(riderTab, 'Rider Of A Page Driver')
    await requestRideOnPage(riderTab, pickup, dropoff)

    await driverTab.waitForSelector('#offer:not([hidden])', { timeout: 15_000 })
    await driverTab.click('#accept')
    await driverTab.waitForSelector('#ride-status:has-text("accepted")')
    await riderTab.waitForSelector('#ride-status[data-status="accepted"]')
    await driverTab.click('#arrive:not([disabled])', { timeout: 10_000 })
    await driverTab.waitForSelector('#ride-status:has-text("arrived")')
    await riderTab.waitForSelector('#ride-status[data-status="arrived"]')
    await driverTab.click('#start')
    await driverTab.waitForSelector('#ride-status:has-text("started")')
    // 800 m at city speed times SIM_SPEEDUP: about 8 s of one fix a second.
    await driverTab.click('#complete:not([disabled])', { timeout: 45_000 })
    await riderTab.waitForSelector('#ride-status[data-status="completed"]', { timeout: 10_000 })
    await driverTab.waitForSelector('#message:has-text("ride completed")')
    expect(failures).toEqual([])
    await driverTab.click('#offline')
  }, 120_000)
})
