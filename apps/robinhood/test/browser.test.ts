import { randomBytes } from 'node:crypto'
import { launchChromium, runModes } from '@wired/testkit'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYMBOLS } from '../src/shared/symbols'
import { bootTrading, type RunningTrading } from './support/trading'

describe.each(runModes())('the trading page in headless Chromium (%s)', (mode) => {
  let system: RunningTrading
  let browser: Browser

  beforeAll(async () => {
    ;[system, browser] = await Promise.all([bootTrading(mode), launchChromium()])
  })
  afterAll(async () => {
    await browser?.close()
    await system?.stop()
  })

  it('opens an account, buys at market, replays the same Idempotency-Key, rests and cancels a limit, and shows the wire', async () => {
    const symbol = SYMBOLS[400]!
    await system.setPrice(symbol, 2_500)
    const page = await browser.newPage()
    page.setDefaultTimeout(10_000)
    const failures: string[] = []
    page.on('pageerror', (error) => failures.push(error.message))
    await page.goto(system.apiUrl)
    await page.fill('#name', `page_${randomBytes(4).toString('hex')}`)
    await page.fill('#password', 'correct horse')
    await page.click('#sign-in button[type=submit]')
    await page.waitForSelector('#app:not([hidden])')
    await page.waitForSelector('#totals:has-text("buying power $100000.00")')

    // A market buy: accepted, then filled by the engine, then in the portfolio.
    await page.fill('#symbol', symbol)
    await page.dispatchEvent('#symbol', 'change')
    await page.waitForSelector(`#quote:has-text("${symbol} last $25.00")`)
    await page.fill('#quantity', '4')
    await page.click('#order-form button[type=submit]')
    await page.waitForSelector('#order-result:has-text("201 accepted")')
    await page.waitForSelector(`#positions tr[data-symbol="${symbol}"]`, { timeout: 15_000 })
    await page.waitForSelector('#orders tr[data-state="filled"]', { timeout: 15_000 })

    // The same key again: 200, replayed, and still one order.
    await page.click('#resend')
    await page.waitForSelector('#order-result:has-text("200 replayed")')
    expect(await page.locator('#orders tr').count()).toBe(1)

    // A limit below the market rests; the page cancels it.
    await page.selectOption('#type', 'limit')
    await page.fill('#limit', '24.00')
    await page.fill('#quantity', '2')
    await page.click('#order-form button[type=submit]')
    await page.waitForSelector('#orders tr[data-state="accepted"] button')
    await page.click('#orders tr[data-state="accepted"] button')
    await page.waitForSelector('#orders tr[data-state="cancelled"]', { timeout: 15_000 })
    await page.waitForSelector('#notices li:has-text("Order cancelled")')
    await page.waitForSelector(`#notices li:has-text("Bought 4 ${symbol} at $25.00")`)

    // A refused order says why, in the page.
    await page.selectOption('#type', 'market')
    await page.fill('#quantity', '100000')
    await page.click('#order-form button[type=submit]')
    await page.waitForSelector('#order-error:has-text("409")')

    // The wire panel drew the order's way: REST, gRPC to risk and portfolio, SQL, Kafka.
    const panel = page.locator('#wire .wire-panel')
    await panel
      .locator('.wire-action', { hasText: /^place buy 4/ })
      .first()
      .click()
    await panel.locator('.wire-row.wire-p-http', { hasText: 'POST /v1/orders' }).first().waitFor({ timeout: 15_000 })
    await panel.locator('.wire-row.wire-p-grpc', { hasText: 'RiskService/CheckOrder' }).first().waitFor()
    await panel.locator('.wire-row.wire-p-grpc', { hasText: 'PortfolioService/Hold' }).first().waitFor()
    await panel.locator('.wire-row.wire-p-kafka').first().waitFor({ timeout: 15_000 })
    expect(failures).toEqual([])
  })
})
