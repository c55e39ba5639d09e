import { describe, expect, it } from 'vitest'
import { LiveFeed } from './live-feed'

describe('LiveFeed resume', () => {
  it('replays only what the home missed after the given id', () => {
    const feed = new LiveFeed('0a0b0c0d')
    const first = feed.push('h1', 'reading', { n: 1 })
    feed.push('h2', 'reading', { n: 2 })
    const third = feed.push('h1', 'reading', { n: 3 })
    expect(feed.resume('h1', first.id)).toEqual({ ok: true, gap: false, missed: [third] })
    expect(feed.resume('h1', undefined)).toEqual({ ok: true, gap: false, missed: [] })
  })
  it('refuses an id of another boot, a malformed one and one from the future', () => {
    const feed = new LiveFeed('0a0b0c0d')
    feed.push('h1', 'reading', {})
    expect(feed.resume('h1', 'ffffffff-1')).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(feed.resume('h1', '0a0b0c0d-99')).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(feed.resume('h1', '<script>')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' })
  })
  it('reports a gap once the events after the id were trimmed', () => {
    const feed = new LiveFeed('0a0b0c0d', 4)
    const first = feed.push('h1', 'reading', {})
    for (let i = 0; i < 10; i++) feed.push('h1', 'reading', { i })
    const resumed = feed.resume('h1', first.id)
    expect(resumed).toMatchObject({ ok: true, gap: true })
    if (resumed.ok) expect(resumed.missed.length).toBeLessThanOrEqual(6)
  })
})
