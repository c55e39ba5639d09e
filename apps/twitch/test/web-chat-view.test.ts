import { describe, expect, it } from 'vitest'
import { messageItem, renderParts } from '../web/chat-view.js'
import { asDocument, type FakeNode } from './support/browser-fake-dom'

// How the pages build a chat line from the server's structured parts (web/chat-view.js), in Node.
const doc = asDocument()
const nodes = (parts: unknown) => renderParts(doc, parts) as unknown as FakeNode[]

describe('chat messages from structured parts', () => {
  it('puts typed text in as text: markup stays characters', () => {
    const [text] = nodes([{ type: 'text', text: '<script>alert(1)</script><img src=x onerror=alert(2)>' }])
    expect(text!.tagName).toBe('#text')
    expect(text!.html()).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;')
  })

  it('draws an emote as a styled span named by the server, or an image only from this origin', () => {
    const [hello, kappa, heart] = nodes([
      { type: 'text', text: 'hi ' },
      { type: 'emote', name: 'Kappa' },
      { type: 'emote', name: '<3', url: '/emotes/heart.svg' },
    ])
    expect(hello!.textContent).toBe('hi ')
    expect(kappa).toMatchObject({ tagName: 'span', className: 'emote', dataset: { emote: 'kappa' } })
    expect(kappa!.textContent).toBe('Kappa')
    expect(heart).toMatchObject({ tagName: 'img', attributes: { src: '/emotes/heart.svg', alt: '<3' } })
    // Another origin, a data: or javascript: URL, a path that climbs: a span, never an <img>.
    for (const url of ['https://cdn.example/k.png', 'javascript:alert(1)', '//evil/x.svg', '/../x.svg', 'data:x']) {
      expect(nodes([{ type: 'emote', name: 'Kappa', url }])[0]!.tagName).toBe('span')
    }
  })

  it('skips parts that are neither text nor a named emote', () => {
    expect(nodes([{ type: 'emote' }, { type: 'html', html: '<b>x</b>' }, null, 7]).length).toBe(0)
    expect(nodes('not a list').length).toBe(0)
  })

  it('builds a line with the author as text and, for the owner, delete and ban buttons', () => {
    const deleted: string[] = []
    const banned: string[] = []
    const message = { id: 'm1', user: '<b>eve</b>', parts: [{ type: 'text', text: 'yo' }] }
    const item = messageItem(doc, message, {
      onDelete: (m) => deleted.push((m as typeof message).id),
      onBan: (m) => banned.push((m as typeof message).user),
    }) as unknown as FakeNode
    expect(item.dataset).toEqual({ id: 'm1', user: '<b>eve</b>' })
    expect(item.html()).toContain('<b>&lt;b&gt;eve&lt;/b&gt;</b>')
    const buttons = item.all().filter((node) => node.tagName === 'button')
    expect(buttons.map((button) => button.textContent)).toEqual(['delete', 'ban'])
    for (const button of buttons) button.click()
    expect(deleted).toEqual(['m1'])
    expect(banned).toEqual(['<b>eve</b>'])
    const viewerLine = messageItem(doc, message) as unknown as FakeNode
    expect(viewerLine.all().some((node) => node.tagName === 'button')).toBe(false)
  })
})
