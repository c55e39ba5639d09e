import { randomBytes } from 'node:crypto'
import { launchChromium, runModes } from '@wired/testkit'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PIXEL_PNG } from './support/pixel'
import { bootSystem, type RunningSystem } from './support/system'

describe.each(runModes())('the browser client in headless Chromium (%s)', (mode) => {
  let system: RunningSystem
  let browser: Browser
  /** Every request a page made that failed (a missing favicon included): none is expected. */
  const failedRequests: string[] = []

  beforeAll(async () => {
    ;[system, browser] = await Promise.all([bootSystem(mode), launchChromium()])
  })
  afterAll(async () => {
    await browser?.close()
    await system?.stop()
  })

  async function signIn(gatewayUrl: string, handle: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage()
    page.on('pageerror', (error) => console.error(`[${handle}] ${error.message}`))
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`)
    })
    await page.goto(gatewayUrl)
    await page.fill('#handle', handle)
    await page.fill('#password', 'browser-password')
    await page.click('#sign-in-form button')
    await page.locator('#connection.open').waitFor()
    return page
  }

  it('two pages on different gateways chat, see typing, images and each other’s receipts', {
    timeout: 60_000,
  }, async () => {
    const suffix = randomBytes(3).toString('hex')
    const alice = await signIn(system.gateways[0]!.httpUrl, `alice_${suffix}`)
    const bob = await signIn(system.gateways[1]!.httpUrl, `bob_${suffix}`)

    // Alice adds bob by handle, which opens their chat.
    await alice.fill('#contact-handle', `bob_${suffix}`)
    await alice.click('#add-contact-form button')
    await alice.locator('[data-testid=conversation].active').waitFor()
    await alice.fill('#text', 'hello from Chromium')
    await alice.press('#text', 'Enter')
    const sent = alice.locator('[data-testid=message]', { hasText: 'hello from Chromium' })
    // Bob's device got it (delivered: two grey ticks) before he even opened the chat.
    await expect.poll(() => sent.getAttribute('data-ticks'), { timeout: 10_000 }).toBe('delivered')

    await bob.locator('[data-testid=conversation]').first().click()
    await bob.locator('[data-testid=message]', { hasText: 'hello from Chromium' }).waitFor()
    // Bob has the chat open: read (blue ticks) on alice's side.
    await expect.poll(() => sent.getAttribute('data-ticks'), { timeout: 10_000 }).toBe('read')

    await bob.type('#text', 'hi!')
    await expect.poll(() => alice.textContent('#chat-status'), { timeout: 10_000 }).toMatch(/is typing/)
    await bob.press('#text', 'Enter')
    await alice.locator('[data-testid=message]', { hasText: 'hi!' }).waitFor()
    const reply = bob.locator('[data-testid=message]', { hasText: 'hi!' })
    await expect.poll(() => reply.getAttribute('data-ticks'), { timeout: 10_000 }).toBe('read')

    // A photo: uploaded over REST, its URL sent over the WebSocket, fetched by bob's page.
    await alice.setInputFiles('#image', { name: 'pixel.png', mimeType: 'image/png', buffer: PIXEL_PNG })
    const image = bob.locator('[data-testid=image]')
    await image.waitFor()
    await expect
      .poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 })
      .toBe(1)

    // Presence: bob sees "last seen" once alice's page is gone.
    await alice.context().close()
    await expect
      .poll(() => bob.locator('[data-testid=presence]').first().textContent(), { timeout: 10_000 })
      .toMatch(/last seen/)
    expect(failedRequests).toEqual([])
  })

  it('shows the sender what crossed the wire: WS → gRPC → PostgreSQL → Kafka → Redis → WS', {
    timeout: 30_000,
  }, async () => {
    const suffix = randomBytes(3).toString('hex')
    const carol = await signIn(system.gateways[0]!.httpUrl, `carol_${suffix}`)
    await signIn(system.gateways[1]!.httpUrl, `dave_${suffix}`)
    await carol.fill('#contact-handle', `dave_${suffix}`)
    await carol.click('#add-contact-form button')
    await carol.locator('[data-testid=conversation].active').waitFor()
    await carol.fill('#text', 'watch the wire')
    await carol.press('#text', 'Enter')

    // The panel follows the send's trace and draws one row per hop, live.
    const panel = carol.locator('#wire .wire-panel')
    await panel.locator('.wire-row.wire-p-ws', { hasText: 'message' }).first().waitFor({ timeout: 20_000 })
    for (const protocol of ['ws', 'grpc', 'sql', 'kafka', 'redis'])
      expect(await panel.locator(`.wire-row.wire-p-${protocol}`).count()).toBeGreaterThan(0)
    const lanes = await panel.locator('.wire-lane').allTextContents()
    expect(lanes).toEqual(expect.arrayContaining(['Browser', 'Kafka', 'Redis', 'PostgreSQL']))
    // A Kafka row shows where the record sits in the log; clicking it shows the decoded record.
    const record = panel.locator('.wire-row.wire-p-kafka', { hasText: /offset/ }).first()
    expect(await record.textContent()).toMatch(/partition \d+/)
    await record.click()
    await expect.poll(() => panel.textContent(), { timeout: 5_000 }).toContain('watch the wire')
  })

  it('signs out: back to the sign-in form, and the token no longer works', { timeout: 30_000 }, async () => {
    const page = await signIn(system.gateways[0]!.httpUrl, `carl_${randomBytes(3).toString('hex')}`)
    await expect.poll(() => page.locator('#session').textContent()).toMatch(/^session until /)
    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('session')!) as { token: string }).token)
    await page.click('#sign-out')
    await page.locator('#sign-in-form').waitFor()
    await expect.poll(() => page.locator('#sign-in-error').textContent()).toBe('Signed out.')
    const me = await fetch(`${system.apiUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } })
    expect(me.status).toBe(401)
  })
})
