import type { RedisClient } from '@wired/redis'
import type { RedisKeys } from '../../shared/redis-keys'

export interface LeaderboardEntry {
  rank: number
  playerId: string
  name: string
  score: number
}

/**
 * The points leaderboard, straight from the Redis sorted set the stats service keeps:
 * `ZREVRANGE gaming:leaderboard:points 0 <limit-1> WITHSCORES` (O(log n + limit), however many
 * players there are), then each name from the `gaming:player-names` hash.
 */
export async function readPointsLeaderboard(
  redis: RedisClient,
  keys: RedisKeys,
  limit: number,
): Promise<LeaderboardEntry[]> {
  const flat = await redis.zrevrange(keys.pointsLeaderboard, 0, limit - 1, 'WITHSCORES')
  const entries: Array<Omit<LeaderboardEntry, 'name'>> = []
  for (let i = 0; i + 1 < flat.length; i += 2)
    entries.push({ rank: entries.length + 1, playerId: flat[i]!, score: Number(flat[i + 1]) })
  // Issued together: ioredis pipelines them into one round trip.
  const names = await Promise.all(entries.map((entry) => redis.hget(keys.playerNames, entry.playerId)))
  return entries.map((entry, i) => ({ ...entry, name: names[i] ?? entry.playerId }))
}
