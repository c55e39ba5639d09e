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
    expect(batches.length / seconds).toBeGreaterThan(25) // ~50/s; a busy machine delays timers, never adds batches
    expect(new Set(batches.map((batch) => batch.epoch)).size).toBe(1)
    for (let i = 1; i < batches.length; i++) expect(batches[i]!.seq).toBe(batches[i - 1]!.seq + 1)
    // A symbol ticked twice within one batch appears once, so a batch names a little fewer than it ticked.
    const ticks = batches.slice(1).reduce((sum, batch) => sum + batch.ticks.length, 0)
    expect(ticks / seconds).toBeGreaterThan(TICKS_PER_SECOND * 0.8)
    expect(ticks / seconds).toBeLessThan(TICKS_PER_SECOND * 1.2)
    for (const batch of batches)
      for (const tick of batch.ticks) expect(Number.isInteger(tick.priceCents) && tick.priceCents > 0).toBe(true)
  })
})
