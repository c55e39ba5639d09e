import { describe, expect, it } from 'vitest'
import { type ContractContext, collect, nextEvent, sleep } from './context'

const SUBSCRIBER_MODE = 'Connection in subscriber mode, only subscriber commands may be used'

export function pubSubContract(ctx: ContractContext): void {
  describe('pub/sub and connections', () => {
    it('SUBSCRIBE gets "message" events; PUBLISH returns how many received it', async () => {
      const channel = ctx.key('chat:42')
      const subscriber = ctx.connection()
      expect(await subscriber.subscribe(channel)).toBe(1)
      const received = nextEvent(subscriber, 'message')
      expect(await ctx.redis.publish(channel, 'hi')).toBe(1)
      expect(await received).toEqual([channel, 'hi'])
    })

    it('PSUBSCRIBE matches glob patterns and gets "pmessage" events', async () => {
      const prefix = ctx.key('chat')
      const subscriber = ctx.connection()
      expect(await subscriber.psubscribe(`${prefix}:*`)).toBe(1)
      const received = nextEvent(subscriber, 'pmessage')
      expect(await ctx.redis.publish(`${prefix}:7:typing`, 'ann')).toBe(1)
      expect(await received).toEqual([`${prefix}:*`, `${prefix}:7:typing`, 'ann'])
    })

    it('each matching subscription counts: a channel plus a pattern on one connection is 2', async () => {
      const prefix = ctx.key('room')
      const subscriber = ctx.connection()
      await subscriber.subscribe(`${prefix}:1`)
      expect(await subscriber.psubscribe(`${prefix}:?`, `${prefix}:[ab]*`)).toBe(3)
      expect(await ctx.redis.publish(`${prefix}:1`, 'x')).toBe(2)
      expect(await ctx.redis.publish(`${prefix}:12`, 'x')).toBe(0)
      expect(await ctx.redis.publish(`${prefix}:apple`, 'x')).toBe(1)
      expect(await ctx.redis.publish(`${prefix}:b`, 'x')).toBe(2)
      expect(await ctx.redis.publish(`${prefix}:c`, 'x')).toBe(1)
    })

    it('messages from one publisher arrive in order', async () => {
      const channel = ctx.key('prices:AAPL')
      const subscriber = ctx.connection()
      const seen = collect(subscriber, 'message')
      await subscriber.subscribe(channel)
      for (const price of ['101', '102', '103']) await ctx.redis.publish(channel, price)
      await expect.poll(() => seen.length).toBe(3)
      expect(seen.map(([, message]) => message)).toEqual(['101', '102', '103'])
    })

    it('at-most-once: a message published while nobody listens is gone for good', async () => {
      const channel = ctx.key('presence')
      const subscriber = ctx.connection()
      const seen = collect(subscriber, 'message')
      expect(await ctx.redis.publish(channel, 'early')).toBe(0)
      await subscriber.subscribe(channel)
      await subscriber.unsubscribe(channel)
      expect(await ctx.redis.publish(channel, 'late')).toBe(0)
      await sleep(50)
      expect(seen).toEqual([])
    })

    it('a subscribed connection runs only (un)subscribe commands until it leaves every channel', async () => {
      const [channel, pattern, key] = [ctx.key('c'), ctx.key('p:*'), ctx.key('k')]
      const subscriber = ctx.connection()
      await subscriber.subscribe(channel)
      await subscriber.psubscribe(pattern)
      // ioredis refuses this itself, before anything reaches the server.
      await expect(subscriber.get(key)).rejects.toThrow(SUBSCRIBER_MODE)
      expect(await subscriber.unsubscribe(channel)).toBe(1)
      expect(await subscriber.punsubscribe(pattern)).toBe(0)
      expect(await subscriber.get(key)).toBeNull()
    })

    it('duplicate() is another connection to the same data; after quit() commands fail', async () => {
      const key = ctx.key('shared')
      const other = ctx.connection()
      await ctx.redis.set(key, 'seen by both')
      expect(await other.get(key)).toBe('seen by both')
      expect(await other.quit()).toBe('OK')
      await expect(other.get(key)).rejects.toThrow('Connection is closed.')
      expect(await ctx.redis.get(key)).toBe('seen by both')
    })
  })
}
