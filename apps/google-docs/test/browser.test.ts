import { launchChromium, runModes } from '@wired/testkit'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bootDocs, PASSWORD, type RunningDocs, sharedDocument } from './support/system'

async function openAs(browser: Browser, url: string, handle: string, failures: string[]): Promise<Page> {
  const page = await browser.newPage()
  page.setDefaultTimeout(15_000)
  page.on('pageerror', (error) => failures.push(`${handle}: ${error.message}`))
  await page.goto(url)
  await page.fill('#handle', handle)
  await page.fill('#password', PASSWORD)
  await page.click('#sign-in button[type=submit]')
  await page.waitForSelector('#editor:not([hidden])')
  return page
}

const textOf = (page: Page) => page.inputValue('#text')

describe.each(runModes())('the editor page in headless Chromium (%s)', (mode) => {
  let system: RunningDocs
  let browser: Browser

  beforeAll(async () => {
    ;[system, browser] = await Promise.all([bootDocs(mode), launchChromium()])
  })
  afterAll(async () => {
    await browser?.close()
    await system?.stop()
  })

  it('two editors (one forced to long polling) type at once and converge; a viewer follows over SSE; presence, history and the wire panel show', async () => {
    const { owner, docId, users } = await sharedDocument(system, ['editor', 'viewer'])
    const failures: string[] = []
    const ws = await openAs(browser, `${system.collabA}/#doc=${docId}`, owner.handle, failures)
    const poll = await openAs(
      browser,
      `${system.collabB}/?transport=long-poll#doc=${docId}`,
      users[0]!.handle,
      failures,
    )
    const viewer = await openAs(browser, `${system.collabA}/?transport=sse#doc=${docId}`, users[1]!.handle, failures)
    await ws.waitForSelector('#transport:text-is("WebSocket")')
    await poll.waitForSelector('#transport:text-is("long polling")')
    await viewer.waitForSelector('#transport:text-is("SSE (viewer)")')
    expect(await viewer.locator('#text').getAttribute('readonly')).not.toBeNull()

    await ws.click('#text')
    await ws.keyboard.type('Hello from WS 👋 ')
    await poll.waitForFunction(() => (document.getElementById('text') as HTMLTextAreaElement).value.includes('👋'))
    // Both type at the same time, at the end and at the start of the text.
    await poll.click('#text')
    await poll.keyboard.press('Control+Home')
    await Promise.all([ws.keyboard.type('and more from WS.'), poll.keyboard.type('Long poll says hi. ')])
    await expect
      .poll(
        async () => {
          const [a, b, c] = await Promise.all([textOf(ws), textOf(poll), textOf(viewer)])
          const pending = await Promise.all([ws, poll].map((p) => p.textContent('#pending')))
          return a === b && b === c && pending.every((n) => n === '0') ? a : undefined
        },
        { timeout: 20_000 },
      )
      .toMatch(/^Long poll says hi\. Hello from WS 👋 and more from WS\.$/)
    expect(await ws.textContent('#revision')).toBe(await viewer.textContent('#revision'))

    // Presence: everyone, each with a colour and the transport they use.
    await expect
      .poll(
        async () =>
          await ws
            .locator('#presence li')
            .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.transport).sort()),
      )
      .toEqual(['long-poll', 'sse', 'ws'])
    const colours = await ws
      .locator('#presence li')
      .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).style.background))
    expect(colours.every((c) => c.startsWith('rgb'))).toBe(true)

    // History: a version rebuilt from the log, and the wire panel drew what crossed the wire.
    const revision = Number(await ws.textContent('#revision'))
    await ws.click('#history summary')
    await expect
      .poll(
        async () => {
          await ws.click('#load-versions')
          return ws.locator(`#versions li[data-revision="${revision}"]`).count()
        },
        { timeout: 15_000 },
      )
      .toBe(1)
    await ws.click(`#versions li[data-revision="${revision}"]`)
    await ws.waitForSelector(`#version-text[data-revision="${revision}"]`)
    expect(await ws.textContent('#version-text')).toBe(await textOf(ws))
    expect(await ws.locator('#wire').textContent()).not.toBe('')
    expect(failures).toEqual([])
  }, 90_000)
})
