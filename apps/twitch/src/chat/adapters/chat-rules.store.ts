import type { RedisClient } from '@wired/redis'
import { AppError } from '@wired/runtime'
import type { ChatRedisKeys } from '../../shared/chat-redis-keys'

export interface RateRule {
  messages: number
  windowSeconds: number
}

/**
 * The channel rules both chat servers must agree on, kept in Redis (keys in shared/chat-redis-keys.ts):
 * bans, slow mode, and each user's message budget. Kept in Redis rather than in a server's memory
 * because a user may hold sockets on both servers, and a flood split over two sockets must still
 * hit one limit.
 */
export class ChatRules {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ChatRedisKeys,
    private readonly rate: RateRule,
  ) {}

  async isBanned(channel: string, user: string): Promise<boolean> {
    return (await this.redis.sismember(this.keys.bans(channel), user)) === 1
  }

  async slowModeSeconds(channel: string): Promise<number> {
    return Number((await this.redis.get(this.keys.slowMode(channel))) ?? 0)
  }

  /**
   * May `user` post in `channel` now? One MULTI (INCR the user's counter, PEXPIRE NX, PTTL, SISMEMBER
   * the bans, GET slow mode): one round trip, then one SET NX PX when slow mode is on. Throws
   * PERMISSION_DENIED (banned) or RATE_LIMITED with `retryAfterMs`.
   */
  async admit(channel: string, user: string, isOwner: boolean, nowMs = Date.now()): Promise<void> {
    const rateKey = this.keys.rate(user)
    // The window opens with the user's first message (PEXPIRE NX sets a deadline only on a new
    // counter), so a burst cannot straddle two windows and get twice the budget.
    const replies = await this.redis
      .multi()
      .incr(rateKey)
      .pexpire(rateKey, this.rate.windowSeconds * 1000, 'NX')
      .pttl(rateKey)
      .sismember(this.keys.bans(channel), user)
      .get(this.keys.slowMode(channel))
      .exec()
    const [count, , windowLeftMs, banned, slow] = (replies ?? []).map(([error, value]) => {
      if (error) throw error
      return value
    })
    if (banned === 1) throw new AppError('PERMISSION_DENIED', `you are banned from #${channel}`, { reason: 'banned' })
    if (Number(count) > this.rate.messages)
      throw rateLimited(
        `rate limit: at most ${this.rate.messages} messages per ${this.rate.windowSeconds} s`,
        Math.max(Number(windowLeftMs), 1),
        'rate-limit',
      )
    const slowSeconds = Number(slow ?? 0)
    // The channel's owner is not slowed down by their own slow mode (as on Twitch).
    if (slowSeconds > 0 && !isOwner) {
      const lastKey = this.keys.lastMessage(channel, user)
      const allowed = await this.redis.set(lastKey, String(nowMs), 'PX', slowSeconds * 1000, 'NX')
      if (allowed === null) {
        const left = await this.redis.pttl(lastKey)
        throw rateLimited(`slow mode: one message every ${slowSeconds} s`, Math.max(left, 1), 'slow-mode')
      }
    }
  }

  async ban(channel: string, user: string): Promise<void> {
    await this.redis.sadd(this.keys.bans(channel), user)
  }

  async unban(channel: string, user: string): Promise<void> {
    await this.redis.srem(this.keys.bans(channel), user)
  }

  async setSlowMode(channel: string, seconds: number): Promise<void> {
    if (seconds === 0) await this.redis.del(this.keys.slowMode(channel))
    else await this.redis.set(this.keys.slowMode(channel), String(seconds))
  }
}

const rateLimited = (message: string, retryAfterMs: number, reason: 'rate-limit' | 'slow-mode') =>
  new AppError('RATE_LIMITED', message, { retryAfterMs, reason })
