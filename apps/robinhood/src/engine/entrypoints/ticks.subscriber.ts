import type { RedisClient } from '@wired/redis'
import type { Logger } from '@wired/runtime'
import { type MarketKeys, readTickMessage } from '../../shared/market-feed'

/**
 * Redis SUBSCRIBE prices:ticks: every batch of new prices, for the resting limit orders. A
 * missed batch (a reconnect) costs nothing lasting: the next tick of that symbol is checked.
 * Ticks are handled one batch at a time, in order, so two ticks never race for one order.
 */
export async function subscribeToTicks(
  subscriber: RedisClient,
  keys: MarketKeys,
  onTick: (symbol: string, priceCents: number) => Promise<void>,
  logger: Logger,
  /** False when no limit order rests: 50 batches a second then cost nothing to decode. */
  anyResting: () => boolean,
): Promise<void> {
  let queue = Promise.resolve()
  subscriber.on('message', (channel, message) => {
    if (channel !== keys.ticks || !anyResting()) return
    queue = queue.then(async () => {
      try {
        for (const tick of readTickMessage(message).ticks) await onTick(tick.symbol, tick.priceCents)
      } catch (error) {
        logger.warn({ err: error }, 'a tick batch could not be applied to resting orders')
      }
    })
  })
  await subscriber.subscribe(keys.ticks)
}
