import { describe, expect, it } from 'vitest'
import { type ContractContext, expectReplyError } from './context'

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value'

export function hashAndSetContract(ctx: ContractContext): void {
  describe('hashes', () => {
    it('HSET takes an object or field/value pairs and returns how many fields are new', async () => {
      const gateway = ctx.key('gateway:user-7')
      expect(await ctx.redis.hset(gateway, { node: 'gw-1', since: 1700 })).toBe(2)
      expect(await ctx.redis.hset(gateway, 'node', 'gw-2', 'device', 'phone')).toBe(1)
      expect(await ctx.redis.hget(gateway, 'node')).toBe('gw-2')
      expect(await ctx.redis.hget(gateway, 'nope')).toBeNull()
      expect(await ctx.redis.hgetall(gateway)).toEqual({ node: 'gw-2', since: '1700', device: 'phone' })
      expect(await ctx.redis.hgetall(ctx.key('missing'))).toEqual({})
    })

    it('HDEL counts removed fields, and the key disappears with its last field', async () => {
      const hash = ctx.key('hash')
      await ctx.redis.hset(hash, { a: '1', b: '2' })
      expect(await ctx.redis.hdel(hash, 'a', 'zz')).toBe(1)
      expect(await ctx.redis.hdel(hash, 'b')).toBe(1)
      expect(await ctx.redis.exists(hash)).toBe(0)
      expect(await ctx.redis.hdel(hash, 'b')).toBe(0)
    })

    it('HINCRBY counts per field and rejects a field that is not an integer', async () => {
      const order = ctx.key('order')
      expect(await ctx.redis.hincrby(order, 'quantity', 3)).toBe(3)
      expect(await ctx.redis.hincrby(order, 'quantity', -1)).toBe(2)
      await ctx.redis.hset(order, 'note', 'gift')
      await expectReplyError(ctx.redis.hincrby(order, 'note', 1), 'ERR hash value is not an integer')
      await expectReplyError(ctx.redis.hincrby(order, 'quantity', 'x'), 'ERR value is not an integer or out of range')
      expect(await ctx.redis.hgetall(order)).toEqual({ quantity: '2', note: 'gift' })
    })

    it('hash commands on a key of another type fail with WRONGTYPE', async () => {
      const text = ctx.key('text')
      await ctx.redis.set(text, 'x')
      await expectReplyError(ctx.redis.hset(text, 'f', 'v'), WRONGTYPE)
      await expectReplyError(ctx.redis.hgetall(text), WRONGTYPE)
      expect(await ctx.redis.get(text)).toBe('x')
    })
  })

  describe('sets', () => {
    it('SADD / SREM count real changes; SMEMBERS, SISMEMBER and SCARD read the set', async () => {
      const online = ctx.key('online')
      expect(await ctx.redis.sadd(online, 'ann', 'bob', 'ann')).toBe(2)
      expect(await ctx.redis.sadd(online, 'bob', 'cy')).toBe(1)
      expect((await ctx.redis.smembers(online)).sort()).toEqual(['ann', 'bob', 'cy'])
      expect(await ctx.redis.sismember(online, 'bob')).toBe(1)
      expect(await ctx.redis.sismember(online, 'dee')).toBe(0)
      expect(await ctx.redis.scard(online)).toBe(3)
      expect(await ctx.redis.srem(online, 'bob', 'dee')).toBe(1)
      expect(await ctx.redis.scard(online)).toBe(2)
    })

    it('an emptied set is deleted, and a missing set reads as empty', async () => {
      const set = ctx.key('set')
      await ctx.redis.sadd(set, 1, 2)
      expect(await ctx.redis.srem(set, '1', '2')).toBe(2)
      expect(await ctx.redis.exists(set)).toBe(0)
      expect(await ctx.redis.smembers(set)).toEqual([])
      expect(await ctx.redis.scard(set)).toBe(0)
    })

    it('set commands on a key of another type fail with WRONGTYPE', async () => {
      const hash = ctx.key('hash')
      await ctx.redis.hset(hash, 'f', 'v')
      await expectReplyError(ctx.redis.sadd(hash, 'm'), WRONGTYPE)
      await expectReplyError(ctx.redis.sismember(hash, 'm'), WRONGTYPE)
    })
  })
}
