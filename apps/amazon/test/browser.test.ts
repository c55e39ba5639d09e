import { launchChromium, runModes } from '@wired/testkit'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bootShop, type RunningShop } from './support/shop'

describe.each(runModes())('the shop page and the GraphQL explorer in headless Chromium (%s)', (mode) => {
  let shop: RunningShop
  let browser: Browser

  beforeAll(async () => {
    ;[shop, browser] = await Promise.all([bootShop(mode), launchChromium()])
  })
  afterAll(async () => {
    await browser?.close()
    await shop?.stop()
  })

  it('searches, fills a cart, checks out, replays the key, is declined, and sees the order shipped', async () => {
    const page = await browser.newPage()
    page.setDefaultTimeout(10_000)
    const failures: string[] = []
    page.on('pageerror', (error) => failures.push(error.message))
    await page.goto(shop.apiUrl)
    await page.waitForSelector('#products tr[data-sku="sku-001"]')
    await page.fill('#name', `page-${Date.now()}`)
    await page.click('#sign-in button[type=submit]')
    await page.waitForSelector('#who:has-text("signed in as")')

    await page.fill('#q', 'kettle')
    await page.click('#search button[type=submit]')
    await page.waitForSelector('#page-info:has-text("products")')
    await page.click('#products tbody tr:first-child button')
    await page.waitForSelector('#cart[data-lines="1"]')
    await page.click('#checkout')
    await page.waitForSelector('#result:has-text("201 placed")')
    await page.click('#resend')
    await page.waitForSelector('#result:has-text("200 replayed")')
    await page.waitForSelector('#orders tr[data-state="shipped"]', { timeout: 15_000 })
    await page.waitForSelector('#notices li:has-text("is placed")')

    await page.click('#products tbody tr:first-child button')
    await page.selectOption('#card', 'tok_decline')
    await page.click('#checkout')
    await page.waitForSelector('#result:has-text("409 FAILED_PRECONDITION: the card was declined")')
    expect(await page.locator('#orders tr').count()).toBe(1)
    expect(failures).toEqual([])
  })

  it('the explorer lists the schema and runs the product page query, showing its SQL cost', async () => {
    const page = await browser.newPage()
    page.setDefaultTimeout(10_000)
    const failures: string[] = []
    page.on('pageerror', (error) => failures.push(error.message))
    await page.goto(`${shop.apiUrl}/explorer.html`)
    await page.waitForSelector('#types li[data-type="Product"]:has-text("recommendations")')
    await page.click('#run')
    await page.waitForSelector('#cost:has-text("200 · 3 SQL statements")')
    const result = JSON.parse((await page.textContent('#result'))!)
    expect(result.data.product).toMatchObject({ sku: 'sku-007', reviews: expect.any(Array) })
    expect(failures).toEqual([])
  })
})
