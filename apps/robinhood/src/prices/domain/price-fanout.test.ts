import { describe, expect, it } from 'vitest'
import type { TickBatch } from '../../shared/market-feed'
import { type PendingPrices, PriceFanout } from './price-fanout'

const batch = (seq: number, ticks: Array<[string, number]>): TickBatch => ({
  epoch: 'ep',
  seq,
  atMs: 100 * seq,
  ticks: ticks.map(([symbol, priceCents]) => ({ symbol, priceCents })),
})

function flushAll(fanout: PriceFanout<string>, accept: (client: string) => boolean = () => true) {
  const frames: Array<{ client: string; seq: number; firstAtMs: number; prices: Record<string, number> }> = []
  fanout.flush((client, pending: PendingPrices) => {
    if (!accept(client)) return false
    frames.push({ client, seq: pending.seq, firstAtMs: pending.firstAtMs, prices: Object.fromEntries(pending.prices) })
    return true
  })
  return frames
}

describe('PriceFanout', () => {
  it('coalesces to the newest price per symbol and batches all of a client’s symbols in one frame', () => {
    const fanout = new PriceFanout<string>(50)
    fanout.subscribe('ann', ['AAA', 'BBB'])
    fanout.subscribe('bob', ['BBB'])
    fanout.apply(
      batch(1, [
        ['AAA', 10],
        ['BBB', 20],
        ['CCC', 30],
      ]),
    )
    fanout.apply(batch(2, [['AAA', 11]]))
    expect(flushAll(fanout)).toEqual([
      { client: 'ann', seq: 2, firstAtMs: 100, prices: { AAA: 11, BBB: 20 } },
      { client: 'bob', seq: 1, firstAtMs: 100, prices: { BBB: 20 } },
    ])
    expect(flushAll(fanout)).toEqual([])
  })

  it('keeps a held-back client’s prices coalescing until it takes them', () => {
    const fanout = new PriceFanout<string>(50)
    fanout.subscribe('slow', ['AAA'])
    for (let seq = 1; seq <= 100; seq++) {
      fanout.apply(batch(seq, [['AAA', seq]]))
      expect(flushAll(fanout, () => false)).toEqual([])
    }
    expect(flushAll(fanout)).toEqual([{ client: 'slow', seq: 100, firstAtMs: 100, prices: { AAA: 100 } }])
  })

  it('refuses a subscription past the limit without changing anything', () => {
    const fanout = new PriceFanout<string>(2)
    fanout.subscribe('ann', ['AAA'])
    expect(() => fanout.subscribe('ann', ['BBB', 'CCC'])).toThrow(/at most 2 symbols per socket/)
    expect(fanout.subscribe('ann', ['AAA']).all).toEqual(['AAA'])
  })

  it('stops sending a symbol once unsubscribed, and forgets a removed client', () => {
    const fanout = new PriceFanout<string>(50)
    fanout.subscribe('ann', ['AAA', 'BBB'])
    fanout.apply(
      batch(1, [
        ['AAA', 1],
        ['BBB', 2],
      ]),
    )
    expect(fanout.unsubscribe('ann', ['AAA'])).toEqual(['BBB'])
    expect(flushAll(fanout)).toEqual([{ client: 'ann', seq: 1, firstAtMs: 100, prices: { BBB: 2 } }])
    fanout.remove('ann')
    fanout.apply(batch(2, [['BBB', 3]]))
    expect(flushAll(fanout)).toEqual([])
    expect(fanout.clients).toBe(0)
  })
})
