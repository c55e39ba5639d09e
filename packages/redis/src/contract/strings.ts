import { describe, expect, it } from 'vitest'
import { type ContractContext, expectReplyError, sleep } from './context'

export function stringContract(ctx: ContractContext): void {
  describe('strings, keys and TTL', () => {
    it('SET then GET returns the value; a missing key reads as null', async () => {
      const key = ctx.key('greeting')
      expect(await ctx.redis.set(key, 'hello')).toBe('OK')
      expect(await ctx.redis.get(key)).toBe('hello')
      expect(await ctx.redis.get(ctx.key('missing'))).toBeNull()
      await ctx.redis.set(key, 42)
      expect(await ctx.redis.get(key)).toBe('42')
    })

    it('SET NX writes only a missing key, SET XX only an existing one; both reply null otherwise', async () => {
      const lock = ctx.key('lock')
      expect(await ctx.redis.set(lock, 'worker-1', 'EX', 30, 'NX')).toBe('OK')
      expect(await ctx.redis.set(lock, 'worker-2', 'EX', 30, 'NX')).toBeNull()
      expect(await ctx.redis.get(lock)).toBe('worker-1')
      expect(await ctx.redis.set(ctx.key('absent'), 'x', 'XX')).toBeNull()
      expect(await ctx.redis.exists(ctx.key('absent'))).toBe(0)
      expect(await ctx.redis.set(lock, 'worker-3', 'PX', 5_000, 'XX')).toBe('OK')
      expect(await ctx.redis.get(lock)).toBe('worker-3')
    })

    it('EX and PX set a TTL that TTL and PTTL report; a plain SET clears it, KEEPTTL keeps it', async () => {
      const presence = ctx.key('presence')
      await ctx.redis.set(presence, 'online', 'EX', 30)
      expect(await ctx.redis.ttl(presence)).toBe(30)
      const pttl = await ctx.redis.pttl(presence)
      expect(pttl).toBeGreaterThan(29_000)
      expect(pttl).toBeLessThanOrEqual(30_000)
      await ctx.redis.set(presence, 'away', 'KEEPTTL')
      expect(await ctx.redis.ttl(presence)).toBe(30)
      await ctx.redis.set(presence, 'online')
      expect(await ctx.redis.ttl(presence)).toBe(-1)
      expect(await ctx.redis.ttl(ctx.key('missing'))).toBe(-2)
      expect(await ctx.redis.pttl(ctx.key('missing'))).toBe(-2)
    })

    it('a key really expires: after its TTL it is gone for GET, EXISTS and MGET', async () => {
      const [session, heartbeat] = [ctx.key('session'), ctx.key('heartbeat')]
      await ctx.redis.set(session, 'token', 'PX', 60)
      await ctx.redis.set(heartbeat, 'beat')
      expect(await ctx.redis.pexpire(heartbeat, 60)).toBe(1)
      await sleep(150)
      expect(await ctx.redis.exists(session, heartbeat)).toBe(0)
      expect(await ctx.redis.mget(session, heartbeat)).toEqual([null, null])
      expect(await ctx.redis.get(session)).toBeNull()
      expect(await ctx.redis.ttl(session)).toBe(-2)
    })

    it('EXPIRE honours NX / XX / GT / LT, and a deadline in the past deletes the key', async () => {
      const key = ctx.key('expiring')
      expect(await ctx.redis.expire(key, 10)).toBe(0)
      await ctx.redis.set(key, 'v')
      expect(await ctx.redis.expire(key, 100, 'XX')).toBe(0)
      expect(await ctx.redis.expire(key, 100, 'GT')).toBe(0)
      expect(await ctx.redis.expire(key, 100, 'NX')).toBe(1)
      expect(await ctx.redis.expire(key, 50, 'GT')).toBe(0)
      expect(await ctx.redis.expire(key, 50, 'LT')).toBe(1)
      expect(await ctx.redis.ttl(key)).toBe(50)
      expect(await ctx.redis.expire(key, 0)).toBe(1)
      expect(await ctx.redis.exists(key)).toBe(0)
    })

    it('MGET returns null for missing keys and for keys of another type; DEL and EXISTS count keys', async () => {
      const [a, b, hash] = [ctx.key('a'), ctx.key('b'), ctx.key('hash')]
      await ctx.redis.set(a, '1')
      await ctx.redis.set(b, '2')
      await ctx.redis.hset(hash, { field: 'x' })
      expect(await ctx.redis.mget(a, ctx.key('none'), b, hash)).toEqual(['1', null, '2', null])
      expect(await ctx.redis.exists(a, a, ctx.key('none'))).toBe(2)
      expect(await ctx.redis.del(a, b, ctx.key('none'))).toBe(2)
      expect(await ctx.redis.exists(a, b)).toBe(0)
    })

    it('INCR / INCRBY / DECR / DECRBY count from 0 and keep the TTL', async () => {
      const views = ctx.key('views')
      expect(await ctx.redis.incr(views)).toBe(1)
      expect(await ctx.redis.incrby(views, 10)).toBe(11)
      expect(await ctx.redis.decr(views)).toBe(10)
      expect(await ctx.redis.decrby(views, '15')).toBe(-5)
      expect(await ctx.redis.get(views)).toBe('-5')
      const window = ctx.key('rate-window')
      await ctx.redis.set(window, 0, 'EX', 60)
      await ctx.redis.incr(window)
      expect(await ctx.redis.ttl(window)).toBe(60)
    })

    it('concurrent DECRs on stock never sell more than there is', async () => {
      const stock = ctx.key('stock')
      await ctx.redis.set(stock, 5)
      const buyers = [ctx.redis, ctx.connection(), ctx.connection()]
      const left = await Promise.all(Array.from({ length: 30 }, (_, i) => buyers[i % buyers.length]!.decr(stock)))
      expect(left.filter((n) => n >= 0).sort()).toEqual([0, 1, 2, 3, 4])
      expect(await ctx.redis.get(stock)).toBe('-25')
    })

    it('rejects bad arguments with Redis errors and changes nothing', async () => {
      const key = ctx.key('text')
      await ctx.redis.set(key, 'abc')
      await expectReplyError(ctx.redis.incr(key), 'ERR value is not an integer or out of range')
      await expectReplyError(ctx.redis.incrby(ctx.key('n'), '1.5'), 'ERR value is not an integer or out of range')
      await expectReplyError(ctx.redis.set(key, 'x', 'EX', 0), "ERR invalid expire time in 'set' command")
      await expectReplyError(ctx.redis.expire(key, '1.5'), 'ERR value is not an integer or out of range')
      const max = ctx.key('max')
      await ctx.redis.set(max, '9223372036854775807')
      await expectReplyError(ctx.redis.incr(max), 'ERR increment or decrement would overflow')
      expect(await ctx.redis.get(max)).toBe('9223372036854775807')
      expect(await ctx.redis.get(key)).toBe('abc')
      expect(await ctx.redis.ttl(key)).toBe(-1)
      await ctx.redis.sadd(ctx.key('set'), 'm')
      await expectReplyError(
        ctx.redis.get(ctx.key('set')),
        'WRONGTYPE Operation against a key holding the wrong kind of value',
      )
    })
  })
}
