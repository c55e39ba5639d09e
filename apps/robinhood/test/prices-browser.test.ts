import { launchChromium, runModes } from '@wired/testkit'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYMBOLS } from '../src/shared/symbols'
import { bootPriceSide, pricesUrls, type RunningRobinhood } from './support/system'

const priceOf = async (page: Page, symbol: string) =>
  page.locator(`#board tr[data-symbol="${symbol}"] .price`).textContent()

describe.each(runModes())('the markets page and ticker widget in headless Chromium (%s)', (mode) => {
  let system: RunningRobinhood
  let browser: Browser

  beforeAll(async () => {
    ;[system, browser] = await Promise.all([bootPriceSide(mode), launchChromium()])
  })
  afterAll(async () => {
    await browser?.close()
    await system?.stop()
  })

  it('takes the token from the fragment, shows live prices in JSON and protobuf with byte counters, and the wire panel', async () => {
    const page = await browser.newPage()
    page.setDefaultTimeout(10_000)
    const failures: string[] = []
    page.on('pageerror', (error) => failures.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') failures.push(message.text())
    })
    await page.goto(`${pricesUrls(system).page}#token=${system.token('acct-browser')}`)
    // The handoff: the token left the URL at once.
    await page.waitForSelector('#controls:not([hidden])')
    expect(new URL(page.url()).hash).toBe('')

    const symbols = SYMBOLS.slice(0, 3)
    await page.fill('#symbol', symbols.join(','))
    await page.click('#symbol-form button[type=submit]')
    for (const symbol of symbols) await page.waitForSelector(`#board tr[data-symbol="${symbol}"] .price:has-text("$")`)

    // Live: a price changes while we watch (2,000 ticks/s: each symbol ticks ~4 times a second).
    const changed = async () => {
      const before = await Promise.all(symbols.map((symbol) => priceOf(page, symbol)))
      await page.waitForFunction(
        ([list, old]) =>
          list.some(
            (symbol, i) => document.querySelector(`#board tr[data-symbol="${symbol}"] .price`)?.textContent !== old[i],
          ),
        [symbols, before] as const,
      )
    }
    await changed()
    // Both sockets count bytes; protobuf spends fewer per update on the same prices.
    await page.waitForFunction(() => Number(document.querySelector('#meter-protobuf .updates')?.textContent) > 0)
    const perUpdate = async (encoding: string) => Number(await page.locator(`#meter-${encoding} .per`).textContent())
    expect(await perUpdate('protobuf')).toBeGreaterThan(0)
    expect(await perUpdate('protobuf')).toBeLessThan(await perUpdate('json'))

    // The board switches to the protobuf socket and keeps moving.
    await page.check('input[name=encoding][value=protobuf]')
    await changed()

    // The wire panel drew the traced subscribe.
    const panel = page.locator('#wire .wire-panel')
    await panel
      .locator('.wire-action', { hasText: /^subscribe/ })
      .first()
      .click()
    await panel.locator('.wire-row.wire-p-redis', { hasText: 'HGETALL' }).first().waitFor({ timeout: 15_000 })
    expect(failures).toEqual([])
  })

  it('shows a ticker widget that updates over SSE, without a token', async () => {
    const page = await browser.newPage()
    page.setDefaultTimeout(10_000)
    const failures: string[] = []
    page.on('pageerror', (error) => failures.push(error.message))
    const symbols = SYMBOLS.slice(10, 14)
    await page.goto(`${pricesUrls(system).page}ticker.html?symbols=${symbols.join(',')}`)
    await page.waitForSelector('#ticker-status:has-text("stream open")')
    for (const symbol of symbols) await page.waitForSelector(`#ticker li[data-symbol="${symbol}"] span:has-text("$")`)
    const events = Number(await page.locator('#events').textContent())
    await page.waitForFunction((seen) => Number(document.querySelector('#events')?.textContent) > seen + 2, events)
    expect(await page.locator('#last-id').textContent()).toMatch(/^[A-Za-z0-9_-]+\.\d+$/)
    expect(failures).toEqual([])
  })
})
