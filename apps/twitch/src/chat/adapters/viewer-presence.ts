import type { RedisClient } from '@wired/redis'
import { type ChatRedisKeys, VIEWER_TTL_MS } from '../../shared/chat-redis-keys'

/**
 * Viewers per channel across both servers: one sorted set per channel, one member per socket
 * (`<server>:<socket id>`), scored with its expiry. The api counts members whose expiry is ahead
 * (ZRANGEBYSCORE now +inf). A server refreshes its members every heartbeat; if it dies without
 * saying goodbye, its viewers stop counting within VIEWER_TTL_MS instead of haunting the count.
 */
export class ViewerPresence {
  private readonly here = new Map<string, string>() // member → channel

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ChatRedisKeys,
    private readonly serverId: string,
  ) {}

  async join(channel: string, socketId: string): Promise<void> {
    const member = `${this.serverId}:${socketId}`
    this.here.set(member, channel)
    await this.redis.zadd(this.keys.viewers(channel), Date.now() + VIEWER_TTL_MS, member)
  }

  async leave(channel: string, socketId: string): Promise<void> {
    const member = `${this.serverId}:${socketId}`
    this.here.delete(member)
    await this.redis.zrem(this.keys.viewers(channel), member)
  }

  /** One MULTI for every socket this server holds (5,000 ZADDs are one request). */
  async refresh(): Promise<void> {
    if (this.here.size === 0) return
    const expiry = Date.now() + VIEWER_TTL_MS
    const batch = this.redis.multi()
    for (const [member, channel] of this.here) batch.zadd(this.keys.viewers(channel), expiry, member)
    await batch.exec()
  }
}
