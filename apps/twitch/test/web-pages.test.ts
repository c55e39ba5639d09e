import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The pages' static rules, checked without a browser: nothing inline (the CSP forbids it, and a
// page that relies on it breaks silently), nothing from another origin, and every element a
// script looks up by id exists in the page that loads the script.
const WEB = new URL('../web/', import.meta.url)
const read = (name: string) => readFileSync(new URL(name, WEB), 'utf8')
const PAGES = { 'index.html': ['viewer.js', 'chat-panel.js'], 'streamer.html': ['streamer.js', 'chat-panel.js'] }
const idsIn = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))
const lookedUp = (js: string) => [...js.matchAll(/\$\('([a-z0-9-]+)'\)/g)].map((m) => m[1]!)
/** chat-panel.js looks these up only for the channel's owner (the streamer page). */
const MODERATION = ['slow-mode', 'slow-seconds']

describe('the pages, statically', () => {
  it.each(Object.entries(PAGES))(
    '%s has no inline script, style or handler, and loads only from its origin',
    (page) => {
      const html = read(page)
      for (const script of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        expect(script[2]!.trim()).toBe('') // no inline code
        expect(script[1]).toMatch(/\ssrc="\/[^/]/) // from this origin
      }
      expect(html).not.toMatch(/<style\b|\sstyle="|\son[a-z]+="/i)
      expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//)
      expect(html).toContain('<script src="/vendor/hls.min.js"></script>')
      expect(html).toContain('<section id="wire"')
    },
  )

  it.each(Object.entries(PAGES))('%s has every id its scripts look up', (page, scripts) => {
    const ids = idsIn(read(page))
    for (const script of scripts)
      for (const id of lookedUp(read(script)))
        if (page === 'streamer.html' || !MODERATION.includes(id)) expect(ids, `${script}: #${id}`).toContain(id)
    if (page === 'streamer.html') for (const id of MODERATION) expect(ids).toContain(id)
  })

  it('puts text into the page only as text: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    for (const file of readdirSync(WEB).filter((name) => name.endsWith('.js'))) {
      expect(read(file), file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/)
    }
  })
})
