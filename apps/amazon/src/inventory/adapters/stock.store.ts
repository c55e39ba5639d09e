import { type RedisClient, runScript } from '@wired/redis'
import type { RedisKeys } from '../../shared/redis-keys'
import { confirmStock, releaseStock, reserveStock } from './stock-scripts'

export type ReserveOutcome = { ok: true } | { ok: false; shortSku: string }

/** Available stock in Redis: the counters checkouts race on, changed only by the Lua scripts. */
export class StockStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** At boot: stock a product that Redis has never seen (SET NX never overwrites a live counter). */
  async stockIfMissing(sku: string, units: number): Promise<void> {
    await this.redis.set(this.keys.stock(sku), units, 'NX')
  }

  async reserve(orderId: string, lines: Array<{ sku: string; quantity: number }>, expiresAtMs: number) {
    const reply = await runScript(
      this.redis,
      reserveStock,
      [this.keys.reservation(orderId), this.keys.expiring, ...lines.map((line) => this.keys.stock(line.sku))],
      [orderId, expiresAtMs, ...lines.map((line) => line.quantity)],
    )
    return reply > 0 ? { ok: false as const, shortSku: lines[reply - 1]!.sku } : { ok: true as const }
  }

  async release(orderId: string): Promise<boolean> {
    return (
      (await runScript(this.redis, releaseStock, [this.keys.reservation(orderId), this.keys.expiring], [orderId])) === 1
    )
  }

  /** Takes the reservation (units stay sold); returns its lines, or [] if it had expired. */
  async confirm(orderId: string): Promise<Array<{ sku: string; quantity: number }>> {
    const held = await runScript(
      this.redis,
      confirmStock,
      [this.keys.reservation(orderId), this.keys.expiring],
      [orderId],
    )
    const lines: Array<{ sku: string; quantity: number }> = []
    const stockPrefix = this.keys.stock('')
    for (let i = 0; i < held.length; i += 2)
      lines.push({ sku: held[i]!.slice(stockPrefix.length), quantity: Number(held[i + 1]) })
    return lines
  }

  /** What a reservation holds and until when (no lines if there is none). */
  async held(orderId: string) {
    const [held, expires] = await Promise.all([
      this.redis.hgetall(this.keys.reservation(orderId)),
      this.redis.zscore(this.keys.expiring, orderId),
    ])
    const stockPrefix = this.keys.stock('')
    return {
      lines: Object.entries(held).map(([key, units]) => ({
        sku: key.slice(stockPrefix.length),
        quantity: Number(units),
      })),
      expiresAtMs: Number(expires ?? 0),
    }
  }

  /** Reservations whose deadline has passed, oldest first. */
  expired(nowMs: number, limit = 100): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.expiring, '-inf', nowMs, 'LIMIT', 0, limit)
  }

  async available(skus: string[]): Promise<Array<number | null>> {
    if (skus.length === 0) return []
    const values = await this.redis.mget(...skus.map((sku) => this.keys.stock(sku)))
    return values.map((value) => (value === null ? null : Number(value)))
  }
}
