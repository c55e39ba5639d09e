import { runModes, sleep } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { marketKeys, readTickMessage, type TickBatch } from '../src/shared/market-feed'
import { SYMBOLS } from '../src/shared/symbols'
import { bootPriceSide, type RunningRobinhood } from './support/system'

const TICKS_PER_SECOND = 2_000

/** The market simulator's side of the feed contract (shared/market-feed.ts), read straight from Redis. */
describe.each(runModes().filter((mode) => mode !== 'compose'))('market feed on Redis (%s)', (mode) => {
  let system: RunningRobinhood
  let redis: ReturnType<RunningRobinhood['redis']>

  beforeAll(async () => {
    system = await bootPriceSide(mode, { env: { MARKET_TICKS_PER_SECOND: String(TICKS_PER_SECOND) } })
    redis = system.redis()
  })
  afterAll(async () => {
    await redis?.client.quit()
    await system?.stop()
  })

  it('keeps a last price for every listed symbol in prices:last, in positive whole cents', async () => {
    const last = await redis.client.hgetall(marketKeys(redis.keyPrefix).lastPrices)
    expect(Object.keys(last).sort()).toEqual([...SYMBOLS].sort())
    for (const cents of Object.values(last)) expect(cents).toMatch(/^[1-9]\d*$/)
  })

  it('publishes a TickBatch about every 20 ms on prices:ticks: one epoch, seq without gaps, the configured tick rate', async () => {
    const keys = marketKeys(redis.keyPrefix)
    const subscriber = redis.client.duplicate()
    const batches: TickBatch[] = []
    subscriber.on('message', (channel, message) => {
      if (channel === keys.ticks) batches.push(readTickMessage(message))
    })
    await subscriber.subscribe(keys.ticks)
    await sleep(2_000)
    await subscriber.quit()

    const seconds = (batches.at(-1)!.atMs - batches[0]!.atMs) / 1000
    // ~50/s when idle. A busy machine delays timers (fewer, bigger batches), never adds any; the
    // floor only rules out a market that batches by the second.
    expect(batches.length / seconds).toBeGreaterThan(10)
    expect(new Set(batches.map((batch) => batch.epoch)).size).toBe(1)
    for (let i = 1; i < batches.length; i++) expect(batches[i]!.seq).toBe(batches[i - 1]!.seq + 1)
    // A batch names each symbol it ticked once, so it names fewer symbols than it made ticks, and
    // the more so the later its timer fired. What a batch of n uniform ticks over S symbols names
    // on average is S * (1 - (1 - 1/S)^n); the sum of that over the batches' real spacing is what
    // the configured rate predicts, late timers included.
    const S = SYMBOLS.length
    let expected = 0
    for (let i = 1; i < batches.length; i++) {
      const n = ((batches[i]!.atMs - batches[i - 1]!.atMs) / 1000) * TICKS_PER_SECOND
      expected += S * (1 - (1 - 1 / S) ** n)
    }
    const named = batches.slice(1).reduce((sum, batch) => sum + batch.ticks.length, 0)
    expect(named).toBeGreaterThan(expected * 0.8)
    expect(named).toBeLessThan(expected * 1.2)
    for (const batch of batches)
      for (const tick of batch.ticks) expect(Number.isInteger(tick.priceCents) && tick.priceCents > 0).toBe(true)
  })
})
