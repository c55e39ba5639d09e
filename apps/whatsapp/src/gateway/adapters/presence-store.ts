import type { RedisClient } from '@wired/redis'
import { lastSeenKey, PRESENCE_TTL_SECONDS, presenceKey } from '../../shared/redis-keys'

/**
 * Online / last seen in Redis. Online is a key with a TTL: the gateway sets it on connect and
 * refreshes it with every heartbeat round, so if a gateway dies without cleaning up, its users
 * turn offline on their own within PRESENCE_TTL_SECONDS. Last seen is a plain key written on
 * disconnect.
 */
export class PresenceStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly gatewayId: string,
  ) {}

  async online(userId: string): Promise<void> {
    await this.redis.set(presenceKey(userId), this.gatewayId, 'EX', PRESENCE_TTL_SECONDS)
  }

  /** One MULTI round trip for every user this gateway holds (20,000 SETs are one request). */
  async refresh(userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return
    const batch = this.redis.multi()
    for (const userId of userIds) batch.set(presenceKey(userId), this.gatewayId, 'EX', PRESENCE_TTL_SECONDS)
    await batch.exec()
  }

  /**
   * The user's last socket closed. A socket of the same user on another replica re-sets the
   * key at its next heartbeat round, so a multi-device user flickers offline for at most one round.
   */
  async offline(userId: string, at: number): Promise<void> {
    await this.redis.multi().del(presenceKey(userId)).set(lastSeenKey(userId), String(at)).exec()
  }

  async lookup(userIds: readonly string[]): Promise<Map<string, { online: boolean; lastSeenAtMs?: number }>> {
    const result = new Map<string, { online: boolean; lastSeenAtMs?: number }>()
    if (userIds.length === 0) return result
    const [online, lastSeen] = await Promise.all([
      this.redis.mget(...userIds.map(presenceKey)),
      this.redis.mget(...userIds.map(lastSeenKey)),
    ])
    userIds.forEach((userId, i) => {
      const seen = lastSeen[i]
      result.set(
        userId,
        online[i] ? { online: true } : { online: false, lastSeenAtMs: seen ? Number(seen) : undefined },
      )
    })
    return result
  }
}
