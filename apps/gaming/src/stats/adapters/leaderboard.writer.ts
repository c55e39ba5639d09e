import type { RedisClient } from '@wired/redis'
import type { RedisKeys } from '../../shared/redis-keys'

/**
 * Copies committed totals into the Redis leaderboard. Each score is the absolute total from
 * PostgreSQL (never ZINCRBY), so writing it twice is harmless; and `ZADD ... GT` only ever raises a
 * score, so when two matches of the same player finish at once, an older total arriving last
 * cannot overwrite a newer one (totals only grow).
 *
 *   ZADD gaming:leaderboard:points GT <total> <playerId>
 *   HSET gaming:player-names <playerId> <name>
 */
export async function writeLeaderboard(
  redis: RedisClient,
  keys: RedisKeys,
  totals: Array<{ playerId: string; name: string; points: number }>,
): Promise<void> {
  if (totals.length === 0) return
  const multi = redis.multi()
  for (const { playerId, name, points } of totals) {
    multi.zadd(keys.pointsLeaderboard, 'GT', points, playerId)
    multi.hset(keys.playerNames, playerId, name)
  }
  const replies = (await multi.exec()) ?? []
  const failed = replies.find(([error]) => error)
  if (failed) throw failed[0]
}
