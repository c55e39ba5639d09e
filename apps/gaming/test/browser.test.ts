import { launchChromium, runModes, waitFor } from '@wired/testkit'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bootGame, type RunningGame } from './support/boot'
import { holdAndSample, keyTowardMiddle, readPosition } from './support/browser-page'

type Lobby = { matches: Array<{ matchId: string; players: number }> }
type Conditions = { dropPercent: number; delayMs: number; jitterMs: number }
const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y)

describe.each(runModes())('the lobby and game pages in headless Chromium, with two Node bots (%s)', (mode) => {
  let game: RunningGame
  let browser: Browser

  beforeAll(async () => {
    // Two bots over UDP + TCP, straight to the game server: the proxy then only affects the page.
    // 30 s matches: long enough to join the bots' one (15 s must be left), short enough to see it end.
    ;[game, browser] = await Promise.all([
      bootGame(mode, { env: { SIM_BOTS: '2', SIM_VIA_NETEM: 'false', MATCH_SECONDS: '30' } }),
      launchChromium(),
    ])
  })
  afterAll(async () => {
    await browser?.close()
    await game?.stop()
  })

  it('signs up, joins the bots’ match over WebSocket, moves, chats, predicts, plays through the proxy, shows the wire, and sees the result', async () => {
    // The bots' match is open first, so matchmaking seats the page in it.
    await waitFor(
      async () => (await game.request<Lobby>('GET', '/api/lobby')).body.data?.matches.some((m) => m.players >= 2),
      { timeoutMs: 20_000, what: 'the bots in an open match' },
    )
    const page = await browser.newPage()
    page.setDefaultTimeout(15_000)
    const failures: string[] = []
    page.on('pageerror', (error) => failures.push(error.message))
    await page.goto(game.apiUrl)
    const name = `Page ${Date.now() % 100_000}`
    await page.fill('#name', name)
    await page.click('#sign-up button[type=submit]')
    await page.waitForSelector('#who:has-text("Playing as Page")')
    await page.waitForSelector('#matches tr')
    await page.click('#play')
    await page.waitForURL(/\/game\.html$/)

    // In the match: the page and both bots in the score table, snapshots flowing.
    await page.waitForSelector('#scores[data-players="3"]')
    await page.waitForSelector('#position[data-server-x]')
    await page.waitForSelector('#events li:has-text("welcome")')

    // The join, as the wire panel drew it: a WebSocket frame from the browser into the game server.
    const panel = page.locator('#wire .wire-panel')
    await panel.locator('.wire-action', { hasText: 'join the match' }).first().waitFor()
    await panel.locator('.wire-row.wire-p-ws', { hasText: 'join' }).first().waitFor({ timeout: 20_000 })

    // A held key moves the page's player on the server (the snapshot position changes).
    const start = await readPosition(page)
    await holdAndSample(page, keyTowardMiddle(start), 500)
    await page.waitForFunction(
      (from) => Math.abs(Number(document.getElementById('position')?.dataset.serverX) - from) > 30,
      start.server.x,
    )

    // Pressing and holding on the arena steers toward the pointer: aim at the far corner.
    const here = (await readPosition(page)).server
    const target = { x: here.x < 500 ? 900 : 100, y: here.y < 500 ? 900 : 100 }
    const box = (await page.locator('#arena').boundingBox())!
    await page.mouse.move(box.x + (target.x / 1000) * box.width, box.y + (target.y / 1000) * box.height)
    await page.mouse.down()
    await page.waitForFunction(
      ({ target, from }) => {
        const data = document.getElementById('position')?.dataset ?? {}
        const left = Math.hypot(Number(data.serverX) - target.x, Number(data.serverY) - target.y)
        return left < Math.hypot(from.x - target.x, from.y - target.y) - 30
      },
      { target, from: here },
    )
    await page.mouse.up()

    // Chat is other people's text: it shows as text, never as markup.
    const hostile = '<script>window.chatRan = 1</script><img src=x onerror="window.chatRan = 2">'
    await page.fill('#chat-text', hostile)
    await page.click('#chat-form button[type=submit]')
    await page.waitForSelector('#chat-log li:has-text("<script>window.chatRan")')
    expect(await page.locator('#chat-log script, #chat-log img').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { chatRan?: number }).chatRan)).toBeUndefined()

    // Prediction off: the page draws its player exactly where the last snapshot says.
    await page.uncheck('#prediction')
    const unpredicted = await holdAndSample(page, keyTowardMiddle(await readPosition(page)), 400)
    expect(unpredicted.length).toBeGreaterThan(5)
    for (const sample of unpredicted) expect(distance(sample.drawn, sample.server)).toBe(0)
    expect(distance(unpredicted[0]!.server, unpredicted.at(-1)!.server)).toBeGreaterThan(10) // it did move
    await page.check('#prediction')

    // "Bad network": the page sets the proxy's conditions through the api and reconnects through it.
    await page.fill('#drop', '10')
    await page.fill('#delay', '80')
    await page.fill('#jitter', '10')
    await page.check('#bad-network')
    await page.waitForSelector('#netem-now[data-drop-percent="10"]')
    const conditions = await game.request<Conditions>('GET', '/api/netem')
    expect(conditions.body.data).toEqual({ dropPercent: 10, delayMs: 80, jitterMs: 10 })
    await page.waitForSelector('.wire-action:has-text("join the match (through the proxy)")')
    await page.waitForFunction(() => /^playing/.test(document.getElementById('status')?.textContent ?? ''))
    await page.waitForSelector('#scores[data-players="3"]')
    // 80 ms each way: an input's acknowledgement takes at least 160 ms now.
    await page.waitForFunction(() => Number.parseInt(document.getElementById('ping')?.textContent ?? '', 10) >= 150)

    // With prediction on, the page draws its player ahead of the delayed server position while moving,
    // and the reconciliation lands where it predicted (the movement rule is mirrored exactly).
    const predicted = await holdAndSample(page, keyTowardMiddle(await readPosition(page)), 700)
    expect(distance(predicted[0]!.server, predicted.at(-1)!.server)).toBeGreaterThan(10)
    const lead = Math.max(...predicted.map((sample) => distance(sample.drawn, sample.server)))
    expect(lead).toBeGreaterThan(10)
    const error = Number.parseFloat((await page.textContent('#reconcile-error')) ?? 'NaN')
    expect(error).toBeLessThan(1)

    // Back to a good network: conditions cleared.
    await page.uncheck('#bad-network')
    await page.waitForSelector('#netem-now[data-drop-percent="0"]')
    expect((await game.request<Conditions>('GET', '/api/netem')).body.data).toMatchObject({
      dropPercent: 0,
      delayMs: 0,
    })
    expect(await page.locator('#events li.gap').count()).toBe(0)

    // The match ends: the ranking of all three and the way back to the lobby, whose leaderboard
    // (MatchEnded on Kafka → stats → PostgreSQL → Redis ZSET) now lists the page's player.
    await page.waitForSelector('#result-panel:not([hidden])', { timeout: 30_000 })
    expect(await page.locator('#results li').count()).toBe(3)
    await page.click('#result-panel a')
    await page.waitForSelector(`#leaderboard tr:has-text("${name}")`, { timeout: 15_000 })
    await page.waitForSelector('#stats:has-text("1 match ·")')
    expect(failures).toEqual([])
  }, 50_000)
})
