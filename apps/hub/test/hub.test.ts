import { launchChromium } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningHub, startHub } from '../src/server'

let hub: RunningHub
const get = (path: string) => fetch(new URL(path, hub.url))

beforeAll(async () => {
  hub = await startHub({ port: 0 })
})
afterAll(() => hub?.close())

describe('the hub', () => {
  it('shows every scenario as a card with what it teaches, its protocols and how to start it', async () => {
    const html = await (await get('/')).text()
    expect(html.match(/<li class="card"/g)).toHaveLength(10)
    expect(html).toContain('<code>./wired start whatsapp</code>')
    expect(html).toContain('<span class="tag">Redis pub/sub</span>')
    expect(html).toContain('href="/decide"')
  })

  it('tells how to run a scenario in compose, and links Zipkin for what crossed the wire', async () => {
    const html = await (await get('/')).text()
    expect(html).toContain('<code>docker compose --profile &lt;scenario&gt; up -d --build --wait</code>')
    expect(html).toContain('<a href="http://localhost:9411">Zipkin</a>')
  })

  it('renders a study page with its diagram source and links into the code', async () => {
    const html = await (await get('/scenarios/whatsapp')).text()
    expect(html).toContain('<pre class="mermaid">')
    expect(html).toContain('href="/source/apps/whatsapp/src/scenario.ts"')
    expect(html).toContain('<script src="/assets/mermaid.min.js">')
  })

  it('shows a source file, and nothing outside the project’s own files', async () => {
    const file = await get('/source/apps/whatsapp/src/scenario.ts')
    expect(file.status).toBe(200)
    expect(await file.text()).toContain('defineScenario')
    for (const path of [
      '/source/../../etc/passwd',
      '/source/%2e%2e/%2e%2e/etc/passwd',
      '/source/node_modules/.modules.yaml',
      '/source/.git/config',
      '/source/apps/whatsapp/package.json.nope',
    ])
      expect((await get(path)).status, path).toBe(404)
  })

  it('answers the decision page, and 404s the study page of a scenario that does not exist', async () => {
    const decide = await get('/decide?client=device&pattern=bidirectional&constrained=yes')
    expect(await decide.text()).toMatch(/<h2>MQTT<\/h2>/)
    expect((await get('/scenarios/myspace')).status).toBe(404)
    expect((await fetch(new URL('/', hub.url), { method: 'POST' })).status).toBe(405)
  })
})

describe('the study page in Chromium', () => {
  it('draws the Mermaid diagrams offline, from the bundled script', async () => {
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      const external: string[] = []
      page.on('request', (request) => {
        if (!request.url().startsWith(hub.url)) external.push(request.url())
      })
      await page.goto(new URL('/scenarios/whatsapp', hub.url).href)
      await page.waitForSelector('pre.mermaid svg', { timeout: 20_000 })
      expect(await page.locator('pre.mermaid svg').count()).toBeGreaterThan(0)
      expect(external.filter((url) => !url.startsWith('data:'))).toEqual([])
    } finally {
      await browser.close()
    }
  }, 60_000)
})
