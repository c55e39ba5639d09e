import type { Page } from 'playwright-core'

type LatLon = { lat: number; lon: number }

/** Signs a new rider up on the rider page and waits for its live connection. */
export async function signUpOnPage(tab: Page, name: string): Promise<void> {
  await tab.fill('#email', `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.test`)
  await tab.fill('#name', name)
  await tab.fill('#password', 'correct horse battery')
  await tab.click('#signup')
  await tab.waitForSelector('#trip:not([hidden])')
  // The trip form shows before the socket opens: a ride requested earlier would miss its first frames.
  await tab.waitForSelector('#connection:has-text("live")')
}

/** Fills in the trip form and requests the ride. */
export async function requestRideOnPage(tab: Page, pickup: LatLon, dropoff: LatLon): Promise<void> {
  await tab.fill('#pickup', `${pickup.lat}, ${pickup.lon}`)
  await tab.fill('#dropoff', `${dropoff.lat}, ${dropoff.lon}`)
  await tab.click('#request')
}
