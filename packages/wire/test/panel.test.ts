import { once } from 'node:events'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { launchChromium, sleep } from '@wired/testkit'
import type { Browser, ConsoleMessage, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  chatMessageTrace,
  failedCallTrace,
  HOSTILE_TEXT,
  MESSAGE_ADDRESS,
  SENT_FRAME,
  type ZipkinSpan,
} from './fixtures/traces'

const WEB = new URL('../web/', import.meta.url)
/** The strictest policy a scenario page could have: the panel must need nothing more. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'"
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A scenario page</title>
<link rel="stylesheet" href="/wire/panel.css"></head>
<body><main><h1>A scenario page</h1><div id="wire"></div></main>
<script type="module" src="/page.js"></script></body></html>`
const PAGE_SCRIPT = `import { createWirePanel } from '/wire/panel.js'
window.wirePanel = createWirePanel(document.getElementById('wire'))`
const FAILED_TRACE = 'a3ce929d0e0e47364bf92f3577b34da6'

type PanelApi = { begin(label: string): string; follow(traceId: string, label: string): void; clear(): void }

/** What /wire/traces/<id> answers now (404 until set), and every poll it got. */
const traces = new Map<string, ZipkinSpan[]>()
const polls: Array<{ traceId: string; at: number }> = []
let server: Server
let origin: string
let browser: Browser
let page: Page
const outside: string[] = []
const errors: string[] = []

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://page').pathname
    const send = (status: number, type: string, body: string) =>
      response.writeHead(status, { 'content-type': type, 'content-security-policy': CSP }).end(body)
    const asset = /^\/wire\/([a-z][a-z-]*\.(js|css))$/.exec(path)
    const traceId = /^\/wire\/traces\/([0-9a-f]{32})$/.exec(path)?.[1]
    if (path === '/') send(200, 'text/html', PAGE)
    else if (path === '/page.js') send(200, 'text/javascript', PAGE_SCRIPT)
    else if (asset)
      readFile(new URL(asset[1]!, WEB), 'utf8').then(
        (text) => send(200, asset[2] === 'js' ? 'text/javascript' : 'text/css', text),
        () => send(404, 'text/plain', 'no such file'),
      )
    else if (traceId) {
      polls.push({ traceId, at: Date.now() })
      const spans = traces.get(traceId)
      if (spans) send(200, 'application/json', JSON.stringify(spans))
      else send(404, 'application/json', JSON.stringify({ errors: [{ code: 'NOT_FOUND' }] }))
    } else send(404, 'text/plain', 'not found')
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
  page.on('request', (request) => {
    if (!request.url().startsWith(`${origin}/`)) outside.push(request.url())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && !isNothingYet(message)) errors.push(message.text())
  })
  await page.goto(`${origin}/`)
  await page.waitForFunction(() => 'wirePanel' in window)
}, 60_000)

afterAll(async () => {
  await browser?.close()
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
})

/** Chromium logs every 404 as a console error; a 404 from the trace endpoint means "no hop yet". */
const isNothingYet = (message: ConsoleMessage) =>
  message.text().includes('status of 404') && message.location().url.startsWith(`${origin}/wire/traces/`)

type Window = { wirePanel: PanelApi }
const begin = (label: string) => page.evaluate((label) => (window as unknown as Window).wirePanel.begin(label), label)
const follow = (traceId: string, label: string) =>
  page.evaluate(
    ([traceId, label]) => (window as unknown as Window).wirePanel.follow(traceId!, label!),
    [traceId, label],
  )
const texts = (selector: string) => page.locator(selector).allInnerTexts()
const status = () => page.locator('.wire-panel__status').textContent()
const rowCount = () => page.locator('.wire-row').count()
const pollsOf = (traceId: string) => polls.filter((poll) => poll.traceId === traceId)
const lane = (name: string) => page.locator('.wire-lane').filter({ hasText: new RegExp(`^${name}$`) })
const center = (box: { x: number; width: number } | null) => box!.x + box!.width / 2

/** Where an arrow starts and ends, against the middle of the lanes it should join. */
async function arrowEnds(row: ReturnType<Page['locator']>, left: string, right: string) {
  const [arrow, from, to] = await Promise.all([
    row.locator('.wire-arrow').boundingBox(),
    lane(left).boundingBox(),
    lane(right).boundingBox(),
  ])
  return { left: arrow!.x - center(from), right: arrow!.x + arrow!.width - center(to) }
}

describe('the wire panel in Chromium', { timeout: 20_000 }, () => {
  let chatTrace = ''
  let browserSpan = ''
  let chat: ReturnType<typeof chatMessageTrace>
  let allArrivedAt = 0

  it('starts empty and tells the reader what to do', async () => {
    expect(await page.locator('.wire-panel h2').textContent()).toBe('On the wire')
    expect(await page.locator('.wire-panel__empty').textContent()).toBe(
      'Do something on the page — send a message — and watch it cross the wire.',
    )
    expect(await status()).toBe('Nothing followed yet')
  })

  it('begins a W3C trace context for an action and polls the page’s origin for its trace', async () => {
    const traceparent = await begin('send “hi bob”')
    const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(traceparent)
    expect(match, traceparent).not.toBeNull()
    ;[, chatTrace = '', browserSpan = ''] = match!
    expect(chatTrace).not.toMatch(/^0+$/)
    expect(browserSpan).not.toMatch(/^0+$/)
    // 404 means no hop yet: the panel keeps asking.
    await expect.poll(() => pollsOf(chatTrace).length).toBeGreaterThanOrEqual(2)
    expect(await status()).toBe('0 hops, live')
    expect(await page.locator('.wire-panel__note').textContent()).toBe('Waiting for the first hop…')
    expect(await page.locator('.wire-panel__empty').isHidden()).toBe(true)
    expect(await texts('.wire-action__label')).toEqual(['send “hi bob”'])
  })

  it('draws hops live as their spans arrive, over several polls', async () => {
    chat = chatMessageTrace(chatTrace, browserSpan)
    traces.set(chatTrace, chat.firstBatch)
    await expect.poll(rowCount).toBe(4)
    expect(await status()).toBe('4 hops, live')
    expect(await texts('.wire-lane')).toEqual(['Browser', 'gateway-a', 'message', 'Kafka', 'PostgreSQL'])

    traces.set(chatTrace, chat.arrived)
    allArrivedAt = Date.now()
    await expect.poll(rowCount).toBe(8)
    expect(await status()).toBe('8 hops, live')
    expect(await texts('.wire-lane')).toEqual([
      'Browser',
      'gateway-a',
      'message',
      'delivery',
      'gateway-b',
      'Kafka',
      'Redis',
      'PostgreSQL',
    ])
    expect(await texts('.wire-row__time')).toEqual([
      '+0.0 ms',
      '+0.3 ms',
      '+1.2 ms',
      '+3.2 ms',
      '+7.4 ms',
      '+8.0 ms',
      '+8.9 ms',
      '+9.1 ms',
    ])
    expect(await texts('.wire-row .wire-badge')).toEqual([
      'WS',
      'gRPC',
      'SQL',
      'Kafka',
      'Kafka',
      'Redis',
      'Redis',
      'WS',
    ])
  })

  it('draws the gRPC call as one arrow from gateway-a to message, with its status and deadline', async () => {
    const call = page.locator('.wire-row.wire-p-grpc')
    expect(await call.count()).toBe(1)
    const label = await call.textContent()
    for (const part of ['MessageService/SendMessages', 'status OK · deadline 2000 ms', '64 B', 'took 6.2 ms'])
      expect(label).toContain(part)
    expect(await call.locator('.wire-arrow').getAttribute('class')).toContain('wire-arrow--right')
    const ends = await arrowEnds(call, 'gateway-a', 'message')
    expect(Math.abs(ends.left)).toBeLessThan(3)
    expect(Math.abs(ends.right)).toBeLessThan(3)
  })

  it('shows the partition and offset the Kafka consumer read, on an arrow from Kafka', async () => {
    const consumed = page.locator('.wire-row.wire-p-kafka').filter({ hasText: 'offset 42' })
    expect(await consumed.textContent()).toContain('partition 1 · offset 42 · key c-7 · group whatsapp-delivery')
    expect(await consumed.locator('.wire-arrow').getAttribute('class')).toContain('wire-arrow--left')
    const ends = await arrowEnds(consumed, 'delivery', 'Kafka')
    expect(Math.abs(ends.left)).toBeLessThan(3)
    expect(Math.abs(ends.right)).toBeLessThan(3)
    const pushed = await page.locator('.wire-row').last().textContent()
    expect(pushed).toContain('to bob#1')
  })

  it('opens a hop on click or Enter: every tag, the payload decoded, hostile text only as text', async () => {
    const details = page.locator('.wire-details')
    expect(await details.isHidden()).toBe(true)
    await page.locator('.wire-row').first().click()
    await details.waitFor()
    expect(await details.locator('.wire-payload').textContent()).toBe(JSON.stringify(SENT_FRAME, null, 2))
    expect(await details.locator('.wire-details__note').textContent()).toBe('Payload (JSON):')
    expect(await details.textContent()).toContain(HOSTILE_TEXT)
    expect(await page.locator('img').count()).toBe(0)
    expect(await page.evaluate(() => 'pwned' in window)).toBe(false)
    expect(await page.locator('.wire-row').first().getAttribute('aria-expanded')).toBe('true')

    const consumed = page.locator('.wire-row.wire-p-kafka').filter({ hasText: 'offset 42' })
    await consumed.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => details.locator('h3').textContent()).toContain('whatsapp.messages: Kafka → delivery')
    const tags = await details
      .locator('dl')
      .evaluate((list) =>
        Object.fromEntries(
          Array.from(list.querySelectorAll('dt'), (dt) => [dt.textContent, dt.nextSibling?.textContent]),
        ),
      )
    expect(tags).toMatchObject({
      'span id': chat.ids.consumed.id,
      'parent span id': chat.ids.produced.id,
      'messaging.kafka.destination.partition': '1',
      'messaging.kafka.offset': '42',
      'messaging.consumer.group.name': 'whatsapp-delivery',
    })
    expect(await details.locator('.wire-details__note').textContent()).toContain('cut')
    expect(await details.locator('.wire-payload').textContent()).toBe(chat.ids.consumed.tags['wire.payload'])
    // The row keeps the focus, and Space closes what Enter opened.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.wireKey)).toBe(
      `hop:${chat.ids.consumed.id}`,
    )
    await page.keyboard.press('Space')
    await details.waitFor({ state: 'hidden' })
  })

  it('marks a failed call, drawn to the address that never answered', async () => {
    traces.set(FAILED_TRACE, failedCallTrace(FAILED_TRACE).arrived)
    await follow(FAILED_TRACE, 'send while message is down')
    await expect.poll(rowCount).toBe(3)
    expect(await texts('.wire-lane')).toEqual(['Browser', 'gateway-a', MESSAGE_ADDRESS])
    const failed = page.locator('.wire-row--failed')
    expect(await failed.count()).toBe(1)
    const label = await failed.textContent()
    expect(label).toContain('✕ failed: 14 UNAVAILABLE: No connection established')
    expect(label).toContain('status UNAVAILABLE (14)')
    expect(await failed.getAttribute('class')).toContain('wire-p-grpc')
    expect(await texts('.wire-action__label')).toEqual(['send while message is down', 'send “hi bob”'])

    await page.locator('.wire-action').nth(1).click()
    await expect.poll(rowCount).toBe(8)
    expect(await page.locator('.wire-action').nth(1).getAttribute('aria-pressed')).toBe('true')
  })

  it('polls every 400 ms and stops once no new span arrived for 5 s', async () => {
    await expect.poll(status, { timeout: 15_000 }).toBe('8 hops, finished')
    const seen = pollsOf(chatTrace).length
    await sleep(1_200)
    expect(pollsOf(chatTrace).length).toBe(seen)
    const after = pollsOf(chatTrace).filter((poll) => poll.at >= allArrivedAt)
    const quiet = after.at(-1)!.at - after[0]!.at
    expect(quiet).toBeGreaterThan(4_500)
    expect(quiet).toBeLessThan(6_500)
    const gaps = pollsOf(chatTrace)
      .slice(1)
      .map((poll, i) => poll.at - pollsOf(chatTrace)[i]!.at)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(380)
  })

  it('fits a 360 px screen: the lanes scroll sideways, the page does not', async () => {
    await page.setViewportSize({ width: 360, height: 800 })
    const scroll = page.locator('.wire-scroll')
    expect(await scroll.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await page.locator('.wire-row').last().click()
    expect(await page.locator('.wire-details').isVisible()).toBe(true)
    await page.setViewportSize({ width: 1100, height: 900 })
  })

  it('collapses, and remembers it across a reload', async () => {
    const toggle = page.locator('.wire-panel__toggle')
    expect(await toggle.textContent()).toBe('Hide the wire panel')
    await toggle.click()
    expect(await page.locator('.wire-panel__body').isHidden()).toBe(true)
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    await page.reload()
    await page.waitForFunction(() => 'wirePanel' in window)
    expect(await page.locator('.wire-panel__body').isHidden()).toBe(true)
    expect(await toggle.textContent()).toBe('Show the wire panel')
    await toggle.click()
    expect(await page.locator('.wire-panel__empty').isVisible()).toBe(true)
  })

  it('forgets every action and stops polling on clear()', async () => {
    const traceId = (await begin('a message')).split('-')[1]!
    await expect.poll(() => pollsOf(traceId).length).toBeGreaterThanOrEqual(1)
    await page.evaluate(() => (window as unknown as Window).wirePanel.clear())
    const seen = pollsOf(traceId).length
    expect(await page.locator('.wire-panel__empty').isVisible()).toBe(true)
    expect(await page.locator('.wire-action').count()).toBe(0)
    await sleep(900)
    expect(pollsOf(traceId).length).toBe(seen)
  })

  it('asked nothing of another origin and logged no error', () => {
    expect(outside).toEqual([])
    expect(errors).toEqual([])
  })
})
