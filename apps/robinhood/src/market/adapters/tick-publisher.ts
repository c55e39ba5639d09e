import type { RedisClient } from '@wired/redis'
import { type MarketKeys, type TickBatch, tickMessage } from '../../shared/market-feed'

/**
 * Writes the feed to Redis (shared/market-feed.ts): the changed symbols' last prices in one
 * HSET, then the batch on the ticks channel. HSET goes first, so a reader that hears a batch
 * and then reads prices:last never finds an older price than the batch told it.
 */
export class TickPublisher {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: MarketKeys,
  ) {}

  /** Every opening price, before the first batch: a quote exists the moment the market is up. */
  async writeOpening(prices: ReadonlyArray<{ symbol: string; priceCents: number }>): Promise<void> {
    await this.redis.hset(this.keys.lastPrices, Object.fromEntries(prices.map((p) => [p.symbol, p.priceCents])))
  }

  /** Resolves with how many subscribers heard the batch (Redis pub/sub is at-most-once). */
  async publish(batch: TickBatch): Promise<number> {
    if (batch.ticks.length > 0)
      await this.redis.hset(this.keys.lastPrices, Object.fromEntries(batch.ticks.map((t) => [t.symbol, t.priceCents])))
    return this.redis.publish(this.keys.ticks, tickMessage(batch))
  }
}
