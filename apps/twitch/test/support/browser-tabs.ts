import type { Browser, BrowserContext, Page } from 'playwright-core'

/**
 * A page in its own browser context (its own sessionStorage: a streamer and a viewer are two
 * people). The edge's certificate is self-signed, so the context accepts it, as a reader does once
 * by opening the edge link. Everything that would mean the page is broken is collected: uncaught
 * errors, and console errors about the Content Security Policy (a blocked script, style, socket or
 * media source shows up only there).
 */
export async function openTab(
  browser: Browser,
  url: string,
): Promise<{ page: Page; context: BrowserContext; failures: string[] }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const failures: string[] = []
  page.on('pageerror', (error) => failures.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      failures.push(`csp: ${message.text()}`)
  })
  await page.goto(url)
  await page.waitForSelector('body[data-ready="true"]')
  return { page, context, failures }
}

/** currentTime of a <video>, in seconds. */
export const videoTime = (page: Page, selector: string) =>
  page.$eval(selector, (video) => (video as HTMLVideoElement).currentTime)

/** Waits (bounded) until the <video> has played `seconds` more than it had when called. */
export async function waitForPlayback(page: Page, selector: string, seconds: number, timeoutMs = 20_000) {
  const from = await videoTime(page, selector)
  await page.waitForFunction(
    ({ selector, until }) => {
      const video = document.querySelector(selector) as HTMLVideoElement | null
      return !!video && !video.paused && video.currentTime >= until
    },
    { selector, until: from + seconds },
    { timeout: timeoutMs, polling: 200 },
  )
  return videoTime(page, selector)
}

/** The latency the viewer page measures right now: Date.now() − hls.playingDate, in ms. */
export const latencyNow = (page: Page): Promise<number | undefined> =>
  page.evaluate(() =>
    (window as unknown as { twitchViewer: { latencyNow(): number | undefined } }).twitchViewer.latencyNow(),
  )

/** Signs up on the page's name form (viewer: chat; streamer: channel). */
export async function signUp(page: Page, name: string) {
  await page.fill('#name', name)
  await page.click('#sign-up button[type=submit]')
  await page.waitForSelector('#sign-up', { state: 'hidden' })
}
