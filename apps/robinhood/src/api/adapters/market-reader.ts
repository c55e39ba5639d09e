import type { RedisClient } from '@wired/redis'
import type { MarketKeys } from '../../shared/market-feed'
import { accountKeys } from '../../shared/redis-keys'

/** What the api reads from Redis: last prices (HGET prices:last) and an account's notices. */
export class MarketReader {
  private readonly accounts

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: MarketKeys,
    keyPrefix: string,
  ) {
    this.accounts = accountKeys(keyPrefix)
  }

  async lastPrices(symbols: readonly string[]): Promise<Map<string, number>> {
    const prices = await Promise.all(symbols.map((symbol) => this.redis.hget(this.keys.lastPrices, symbol)))
    const found = new Map<string, number>()
    symbols.forEach((symbol, index) => {
      const cents = prices[index]
      if (cents !== null && cents !== undefined) found.set(symbol, Number(cents))
    })
    return found
  }

  /** The newest notices first (ZREVRANGE of the account's sorted set). */
  async notices(accountId: string, limit: number): Promise<unknown[]> {
    const members = await this.redis.zrevrange(this.accounts.notifications(accountId), 0, limit - 1)
    return members.map((member) => JSON.parse(member) as unknown)
  }
}
