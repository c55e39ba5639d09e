import { launchChromium, runModes } from '@wired/testkit'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, Reader } from './support/reader'
import { bootTwitter, type RunningTwitter, uniqueHandle } from './support/system'

async function signInOnPage(page: Page, handle: string) {
  await page.fill('#handle', handle)
  await page.fill('#password', PASSWORD)
  await page.click('#sign-in button[type=submit]')
  await page.waitForSelector('#app:not([hidden])')
}

describe.each(runModes())('the feed page in headless Chromium (%s)', (mode) => {
  let system: RunningTwitter
  let browser: Browser

  beforeAll(async () => {
    ;[system, browser] = await Promise.all([bootTwitter(mode), launchChromium()])
  })
  afterAll(async () => {
    await browser?.close()
    await system?.stop()
  })

  it('signs up, follows, sees a new-post banner and live likes over WebSocket, shows HTML as text, and the wire panel', async () => {
    const author = await Reader.signUp(system, 'pageauthor')
    const liker = await Reader.signUp(system, 'pageliker')
    const page = await browser.newPage()
    page.setDefaultTimeout(10_000)
    const failures: string[] = []
    page.on('pageerror', (error) => failures.push(error.message))
    await page.goto(system.apiUrl)
    await signInOnPage(page, uniqueHandle('browser'))
    await page.waitForSelector('#push-mode:has-text("WebSocket")')

    await page.fill('#follow-handle', author.handle)
    await page.click('#follow')
    await page.waitForSelector('#profile:has-text("fanned out")')

    const hostile = '<img src=x onerror="window.pwned=1"> 🎉 #pagetest'
    const post = await author.post(hostile)
    await page.waitForSelector('#banner:has-text("1 new post")', { timeout: 10_000 })
    await page.click('#banner')
    const item = page.locator(`li[data-post-id="${post.postId}"]`)
    await item.waitFor({ timeout: 10_000 })
    // The post's HTML is shown as text, and nothing ran.
    expect(await item.locator('.text').textContent()).toBe(hostile)
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
    expect(await page.locator('#feed-status').textContent()).toContain('200')

    // A like from someone else moves the counter live; reloading an unchanged page answers 304.
    await liker.call('PUT', `/v1/posts/${post.postId}/like`)
    await page.waitForSelector(`li[data-post-id="${post.postId}"] .like[data-likes="1"]`, { timeout: 10_000 })
    // Reloading: the page sends its ETag; once it holds the current page the answer is 304.
    const reload = async () => {
      const answered = page.waitForResponse((response) => response.url().endsWith('/v1/feed'), { timeout: 10_000 })
      await page.evaluate(() => document.getElementById('banner')!.click())
      return (await answered).status()
    }
    const first = await reload()
    expect([200, 304]).toContain(first)
    if (first === 200) expect(await reload()).toBe(304)
    await page.waitForSelector('#feed-status:has-text("304")')

    // The page's own like.
    await item.locator('.like').click()
    await page.waitForSelector(`li[data-post-id="${post.postId}"] .like.liked[data-likes="2"]`)

    // The wire panel drew the hops of what the page did.
    const panel = page.locator('#wire .wire-panel')
    await panel.locator('.wire-action', { hasText: /^like/ }).first().click()
    await panel.locator('.wire-row.wire-p-http', { hasText: 'PUT /v1/posts' }).first().waitFor({ timeout: 15_000 })
    await panel.locator('.wire-row.wire-p-grpc', { hasText: 'LikeService/Like' }).first().waitFor()
    await panel.locator('.wire-row.wire-p-sql').first().waitFor()
    expect(failures).toEqual([])
  })

  it('falls back to polling when the WebSocket cannot open, and still shows new posts and likes', async () => {
    const author = await Reader.signUp(system, 'pollauthor')
    const context = await browser.newContext()
    // Every WebSocket is refused, as behind a proxy that drops upgrades.
    await context.routeWebSocket(/.*/, (socket) => socket.close())
    const page = await context.newPage()
    await page.goto(system.apiUrl)
    const handle = uniqueHandle('poller')
    await signInOnPage(page, handle)
    await page.fill('#follow-handle', author.handle)
    await page.click('#follow')
    await page.waitForSelector('#profile:has-text("Following")')
    const first = await author.post('first, to have something on screen')
    await page.evaluate(() => document.getElementById('banner')!.click())
    await page
      .locator(`li[data-post-id="${first.postId}"]`)
      .waitFor({ timeout: 10_000 })
      .catch(async () => {
        // The fan-out may not have reached the timeline yet: load again.
        await page.evaluate(() => document.getElementById('banner')!.click())
        await page.locator(`li[data-post-id="${first.postId}"]`).waitFor({ timeout: 10_000 })
      })
    await page.waitForSelector('#push-mode:has-text("polling")', { timeout: 15_000 })
    await author.post('second, found by polling')
    await page.waitForSelector('#banner:has-text("1 new post")', { timeout: 15_000 })
    const reader = await Reader.signUp(system, 'polllike')
    await reader.call('PUT', `/v1/posts/${first.postId}/like`)
    await page.waitForSelector(`li[data-post-id="${first.postId}"] .like[data-likes="1"]`, { timeout: 15_000 })
    await context.close()
  })
})
