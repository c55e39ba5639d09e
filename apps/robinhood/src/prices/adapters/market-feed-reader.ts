import type { RedisClient } from '@wired/redis'
import type { Logger } from '@wired/runtime'
import { type MarketKeys, readTickMessage, type TickBatch } from '../../shared/market-feed'

/**
 * The gateway's side of the feed contract (shared/market-feed.ts): `HGETALL prices:last` for
 * snapshots, `SUBSCRIBE prices:ticks` (on its own connection, as Redis requires) for batches.
 */
export class MarketFeedReader {
  constructor(
    private readonly redis: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly keys: MarketKeys,
    private readonly logger: Logger,
  ) {}

  /** Every symbol's last price in cents (empty before the market's first start). */
  async lastPrices(): Promise<Map<string, number>> {
    const all = await this.redis.hgetall(this.keys.lastPrices)
    return new Map(Object.entries(all).map(([symbol, cents]) => [symbol, Number(cents)]))
  }

  /** Calls `onBatch` for every batch from now on; a message that is not a batch is logged and skipped. */
  async follow(onBatch: (batch: TickBatch) => void): Promise<void> {
    this.subscriber.on('message', (channel, message) => {
      if (channel !== this.keys.ticks) return
      let batch: TickBatch
      try {
        batch = readTickMessage(message)
      } catch (error) {
        this.logger.warn({ err: error, channel }, 'prices: skipped a message that is not a TickBatch')
        return
      }
      onBatch(batch)
    })
    await this.subscriber.subscribe(this.keys.ticks)
  }
}
