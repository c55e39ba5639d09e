import { describe, expect, it } from 'vitest'
import type { ContractContext } from './context'

export function transactionContract(ctx: ContractContext): void {
  describe('MULTI / EXEC', () => {
    it('runs queued commands and returns one [error, result] pair per command', async () => {
      const [stock, orders] = [ctx.key('stock:sku-1'), ctx.key('orders:sku-1')]
      await ctx.redis.set(stock, 5)
      const results = await ctx.redis.multi().decrby(stock, 2).hincrby(orders, 'count', 1).get(stock).exec()
      expect(results).toEqual([
        [null, 3],
        [null, 1],
        [null, '3'],
      ])
    })

    it('a command that fails inside EXEC fails alone: the others still apply (no rollback)', async () => {
      const key = ctx.key('mixed')
      const results = await ctx.redis.multi().set(key, 'abc').incr(key).get(key).exec()
      expect(results).toHaveLength(3)
      expect(results?.[0]).toEqual([null, 'OK'])
      expect(results?.[1]?.[0]).toBeInstanceOf(Error)
      expect(results?.[1]?.[0]?.message).toBe('ERR value is not an integer or out of range')
      expect(results?.[2]).toEqual([null, 'abc'])
    })

    it('nothing interleaves inside a block, even with many clients at once', async () => {
      const counter = ctx.key('counter')
      const clients = [ctx.redis, ctx.connection(), ctx.connection()]
      const blocks = await Promise.all(
        Array.from({ length: 12 }, (_, i) => clients[i % clients.length]!.multi().incr(counter).get(counter).exec()),
      )
      for (const block of blocks) {
        const [[, incremented], [, read]] = block as [[null, number], [null, string]]
        expect(read).toBe(String(incremented))
      }
      expect(await ctx.redis.get(counter)).toBe('12')
    })
  })
}
