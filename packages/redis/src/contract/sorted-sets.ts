import { describe, expect, it } from 'vitest'
import { type ContractContext, expectReplyError } from './context'

export function sortedSetContract(ctx: ContractContext): void {
  describe('sorted sets', () => {
    /** A timeline: tweet ids scored by time. */
    async function timeline(): Promise<string> {
      const key = ctx.key('timeline')
      await ctx.redis.zadd(key, 10, 't1', 20, 't2', 30, 't3', 40, 't4', 50, 't5')
      return key
    }

    it('ZADD returns members added; NX, XX, GT and CH change what counts', async () => {
      const board = ctx.key('board')
      expect(await ctx.redis.zadd(board, 5, 'ann', 3, 'bob')).toBe(2)
      expect(await ctx.redis.zadd(board, 7, 'ann', 1, 'cy')).toBe(1)
      expect(await ctx.redis.zadd(board, 'NX', 100, 'ann', 2, 'dee')).toBe(1)
      expect(await ctx.redis.zadd(board, 'XX', 9, 'eve', 4, 'bob')).toBe(0)
      expect(await ctx.redis.zadd(board, 'GT', 'CH', 1, 'ann', 8, 'bob')).toBe(1)
      expect(await ctx.redis.zadd(board, 'CH', 8, 'bob', 6, 'cy')).toBe(1)
      expect(await ctx.redis.zrange(board, 0, -1, 'WITHSCORES')).toEqual([
        'dee',
        '2',
        'cy',
        '6',
        'ann',
        '7',
        'bob',
        '8',
      ])
      expect(await ctx.redis.zcard(board)).toBe(4)
    })

    it('ZSCORE and ZINCRBY print scores as Redis does (17 significant digits)', async () => {
      const prices = ctx.key('prices')
      await ctx.redis.zadd(prices, 1.5, 'a', '-inf', 'low', 1e21, 'huge', 0.1, 'tenth')
      expect(await ctx.redis.zscore(prices, 'a')).toBe('1.5')
      expect(await ctx.redis.zscore(prices, 'low')).toBe('-inf')
      expect(await ctx.redis.zscore(prices, 'huge')).toBe('1e+21')
      expect(await ctx.redis.zscore(prices, 'tenth')).toBe('0.10000000000000001')
      expect(await ctx.redis.zscore(prices, 'nobody')).toBeNull()
      expect(await ctx.redis.zincrby(prices, 0.2, 'tenth')).toBe('0.30000000000000004')
      expect(await ctx.redis.zincrby(prices, 3, 'new')).toBe('3')
    })

    it('ZRANGE by rank, with REV and WITHSCORES; ZREVRANGE is the same as REV', async () => {
      const key = await timeline()
      expect(await ctx.redis.zrange(key, 0, 1)).toEqual(['t1', 't2'])
      expect(await ctx.redis.zrange(key, -2, -1)).toEqual(['t4', 't5'])
      expect(await ctx.redis.zrange(key, 3, 1)).toEqual([])
      expect(await ctx.redis.zrange(key, 0, 1, 'REV')).toEqual(['t5', 't4'])
      expect(await ctx.redis.zrange(key, 0, 1, 'REV', 'WITHSCORES')).toEqual(['t5', '50', 't4', '40'])
      expect(await ctx.redis.zrevrange(key, 0, 1, 'WITHSCORES')).toEqual(['t5', '50', 't4', '40'])
      expect(await ctx.redis.zrevrange(key, 1, 100)).toEqual(['t4', 't3', 't2', 't1'])
      expect(await ctx.redis.zrange(ctx.key('missing'), 0, -1)).toEqual([])
    })

    it('ZRANGE BYSCORE with exclusive bounds, REV (max first) and LIMIT', async () => {
      const key = await timeline()
      expect(await ctx.redis.zrange(key, '(10', 30, 'BYSCORE')).toEqual(['t2', 't3'])
      expect(await ctx.redis.zrange(key, '-inf', '+inf', 'BYSCORE', 'WITHSCORES')).toHaveLength(10)
      expect(await ctx.redis.zrange(key, 40, 20, 'BYSCORE', 'REV')).toEqual(['t4', 't3', 't2'])
      expect(await ctx.redis.zrange(key, 0, 100, 'BYSCORE', 'LIMIT', 1, 2)).toEqual(['t2', 't3'])
      expect(await ctx.redis.zrange(key, '+inf', '(20', 'BYSCORE', 'REV', 'LIMIT', 0, 2)).toEqual(['t5', 't4'])
    })

    it('ZRANGEBYSCORE / ZREVRANGEBYSCORE page through a timeline with LIMIT', async () => {
      const key = await timeline()
      expect(await ctx.redis.zrangebyscore(key, 20, '(40')).toEqual(['t2', 't3'])
      expect(await ctx.redis.zrangebyscore(key, '-inf', '+inf', 'LIMIT', 1, -1)).toEqual(['t2', 't3', 't4', 't5'])
      expect(await ctx.redis.zrangebyscore(key, '-inf', '+inf', 'LIMIT', -1, 2)).toEqual([])
      expect(await ctx.redis.zrangebyscore(key, 45, 50, 'WITHSCORES')).toEqual(['t5', '50'])
      // "Older than the last one I saw, newest first, two per page" -- timeline pagination.
      expect(await ctx.redis.zrevrangebyscore(key, '(40', '-inf', 'LIMIT', 0, 2)).toEqual(['t3', 't2'])
      expect(await ctx.redis.zrevrangebyscore(key, 50, 40, 'WITHSCORES')).toEqual(['t5', '50', 't4', '40'])
    })

    it('ZREM and ZREMRANGEBYRANK remove members; trimming keeps the newest N', async () => {
      const key = await timeline()
      expect(await ctx.redis.zrem(key, 't3', 'nope')).toBe(1)
      expect(await ctx.redis.zremrangebyrank(key, 0, -3)).toBe(2)
      expect(await ctx.redis.zrange(key, 0, -1)).toEqual(['t4', 't5'])
      expect(await ctx.redis.zremrangebyrank(key, 0, -1)).toBe(2)
      expect(await ctx.redis.exists(key)).toBe(0)
    })

    it('rejects bad arguments with Redis errors and changes nothing', async () => {
      const key = await timeline()
      await expectReplyError(ctx.redis.zadd(key, 1, 'ok', 'abc', 'bad'), 'ERR value is not a valid float')
      await expectReplyError(ctx.redis.zadd(key, 1, 'a', 2), 'ERR syntax error')
      await expectReplyError(
        ctx.redis.zadd(key, 'NX', 'XX', 1, 'a'),
        'ERR XX and NX options at the same time are not compatible',
      )
      await expectReplyError(
        ctx.redis.zadd(key, 'GT', 'NX', 1, 'a'),
        'ERR GT, LT, and/or NX options at the same time are not compatible',
      )
      await expectReplyError(ctx.redis.zrangebyscore(key, 1, 'abc'), 'ERR min or max is not a float')
      await expectReplyError(ctx.redis.zrange(key, 'a', 'b'), 'ERR value is not an integer or out of range')
      await expectReplyError(ctx.redis.zincrby(key, 'x', 't1'), 'ERR value is not a valid float')
      expect(await ctx.redis.zcard(key)).toBe(5)
      expect(await ctx.redis.zscore(key, 'ok')).toBeNull()
    })
  })
}
