import { randomBytes } from 'node:crypto'
import { launchChromium, waitFor } from '@wired/testkit'
import { describe, expect, it } from 'vitest'
import { testCity } from './support/harness'
import { requestRideOnPage, signUpOnPage } from './support/rider-page'

// The compose profile, driven from the host like a rider would: the page served through the
// published port, the simulator's drivers (their own container, over Mosquitto) accepting the
// ride. A smoke subset: Uber's full suite shortens timeouts through env and reads Kafka directly,
// which compose's fixed env and private network do not allow.
const page = process.env.UBER_PAGE_URL ?? 'http://127.0.0.1:8080'
// The wire view's collector, a real Zipkin in compose, published on loopback.
const zipkin = process.env.ZIPKIN_URL ?? 'http://127.0.0.1:9411'
const at = (column: number, row: number) => testCity.projection.toLatLon({ x: column * 200, y: row * 200 })

describe('uber compose profile', () => {
  it('a rider signs up on the page, requests a ride, and a simulated driver accepts it', async () => {
    const browser = await launchChromium()
    try {
      const tab = await browser.newPage()
      const failures: string[] = []
      tab.on('pageerror', (error) => failures.push(error.message))
      await tab.goto(page)
      await signUpOnPage(tab, 'Compose Rider')
      expect(await tab.textContent('#connection')).toMatch(/live/)
      const pickup = at(10, 10)
      const dropoff = at(12, 12)
      await requestRideOnPage(tab, pickup, dropoff)
      await tab.waitForSelector('#ride-status[data-status="accepted"]', { timeout: 60_000 })
      expect(await tab.textContent('#ride-driver')).toMatch(/^sim-\d{3}$/)
      expect(failures).toEqual([])
    } finally {
      await browser.close()
    }
  }, 120_000)

  it('runs Zipkin, which takes a span in Zipkin v2 JSON and gives its trace back', async () => {
    const traceId = randomBytes(16).toString('hex')
    const span = {
      traceId,
      id: randomBytes(8).toString('hex'),
      name: 'compose smoke',
      kind: 'CLIENT',
      timestamp: Date.now() * 1000,
      duration: 1500,
      localEndpoint: { serviceName: 'uber-compose-test' },
      tags: { 'wired.check': 'compose' },
    }
    const posted = await fetch(`${zipkin}/api/v2/spans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([span]),
    })
    expect(posted.status).toBe(202)
    // Zipkin stores what it accepted asynchronously: the trace appears within moments.
    const trace = await waitFor(
      async () => {
        const response = await fetch(`${zipkin}/api/v2/trace/${traceId}`)
        return response.ok ? ((await response.json()) as (typeof span)[]) : undefined
      },
      { timeoutMs: 10_000, intervalMs: 200, what: `trace ${traceId} in Zipkin` },
    )
    expect(trace).toEqual([expect.objectContaining({ traceId, id: span.id, name: span.name, tags: span.tags })])
  })
})
