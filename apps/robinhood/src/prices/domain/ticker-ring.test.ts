import { describe, expect, it } from 'vitest'
import type { TickBatch } from '../../shared/market-feed'
import { TickerRing } from './ticker-ring'

const batch = (seq: number, epoch = 'ep1'): TickBatch => ({
  epoch,
  seq,
  atMs: 1_000 + seq,
  ticks: [{ symbol: 'AAA', priceCents: seq }],
})

function ringWith(seqs: number[], capacity = 5): TickerRing {
  const ring = new TickerRing(capacity)
  for (const seq of seqs) ring.push(batch(seq))
  return ring
}

describe('TickerRing', () => {
  it('replays every batch after the id, and nothing for the newest id', () => {
    const ring = ringWith([1, 2, 3, 4])
    expect(ring.resumeAfter('ep1.2')).toEqual({ kind: 'replay', batches: [batch(3), batch(4)] })
    expect(ring.resumeAfter('ep1.4')).toEqual({ kind: 'replay', batches: [] })
    expect(ring.latestId).toBe('ep1.4')
  })

  it('answers an id older than the ring with a snapshot, never a partial replay', () => {
    const ring = ringWith([1, 2, 3, 4, 5, 6, 7, 8], 5) // keeps 4..8
    expect(ring.resumeAfter('ep1.3')).toEqual({ kind: 'replay', batches: [4, 5, 6, 7, 8].map((s) => batch(s)) })
    expect(ring.resumeAfter('ep1.2').kind).toBe('snapshot')
  })

  it('forgets the batches before a gap in the feed, so a replay cannot span it', () => {
    const ring = ringWith([1, 2, 3, 5, 6]) // 4 never arrived
    expect(ring.resumeAfter('ep1.2').kind).toBe('snapshot')
    expect(ring.resumeAfter('ep1.4')).toEqual({ kind: 'replay', batches: [batch(5), batch(6)] })
  })

  it('refuses malformed, foreign-epoch and future ids', () => {
    const ring = ringWith([1, 2, 3])
    for (const id of ['', 'nonsense', 'ep1.', 'ep1.-1', 'ep1.3.4', 'e p.1', `ep1.${'9'.repeat(16)}`])
      expect(() => ring.resumeAfter(id), id).toThrow(/not an id this ticker issues/)
    expect(() => ring.resumeAfter('other.2')).toThrow(/another market epoch/)
    expect(() => ring.resumeAfter('ep1.4')).toThrow(/ahead of the market/)
  })

  it('starts over when the market restarts, and answers an id of the old epoch with a snapshot', () => {
    const ring = ringWith([1, 2, 3])
    ring.push(batch(1, 'ep2'))
    expect(ring.epoch).toBe('ep2')
    // The widget was away while the market restarted: a snapshot, not an error that would end
    // its EventSource for good. An epoch this gateway never saw is still refused.
    expect(ring.resumeAfter('ep1.3')).toEqual({ kind: 'snapshot', reason: 'the market restarted (a new epoch)' })
    expect(() => ring.resumeAfter('ep9.3')).toThrow(/another market epoch/)
  })
})
