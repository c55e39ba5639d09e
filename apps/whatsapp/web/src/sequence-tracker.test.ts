import { describe, expect, it } from 'vitest'
import { SequenceTracker } from './sequence-tracker'

const message = (seq: number, conversationId = 'c1') => ({
  messageId: `m${seq}`,
  conversationId,
  seq,
  senderId: 'alice',
  clientMessageId: `client-${seq}`.padEnd(8, '0'),
  text: `#${seq}`,
  sentAtMs: seq,
})
const seqs = (offer: { ready: { seq: number }[] }) => offer.ready.map((m) => m.seq)

describe('SequenceTracker', () => {
  it('shows messages in order and drops duplicates', () => {
    const tracker = new SequenceTracker()
    expect(seqs(tracker.offer(message(1)))).toEqual([1])
    expect(tracker.offer(message(1))).toEqual({ ready: [], duplicate: true, gap: false })
    expect(seqs(tracker.offer(message(2)))).toEqual([2])
    expect(tracker.positions()).toEqual({ c1: 2 })
  })

  it('parks early messages, reports the gap, and releases them when it fills', () => {
    const tracker = new SequenceTracker({ c1: 1 })
    expect(tracker.offer(message(3))).toEqual({ ready: [], duplicate: false, gap: true })
    expect(tracker.offer(message(4)).gap).toBe(true)
    expect(tracker.offer(message(3)).duplicate).toBe(true)
    expect(tracker.gaps()).toEqual(['c1'])
    expect(seqs(tracker.offer(message(2)))).toEqual([2, 3, 4])
    expect(tracker.gaps()).toEqual([])
    expect(tracker.lastSeq('c1')).toBe(4)
  })

  it('keeps conversations independent', () => {
    const tracker = new SequenceTracker()
    tracker.offer(message(1, 'a'))
    expect(seqs(tracker.offer(message(1, 'b')))).toEqual([1])
    expect(tracker.positions()).toEqual({ a: 1, b: 1 })
  })
})
