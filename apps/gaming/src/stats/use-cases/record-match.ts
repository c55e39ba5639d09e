import type { RedisClient } from '@wired/redis'
import type { redisKeys } from '../../shared/redis-keys'
import { writeLeaderboard } from '../adapters/leaderboard.writer'
import type { StatsRepository } from '../adapters/stats.repository'
import { checkOutcome, type MatchOutcome, totalsIncrements } from '../domain/match-outcome'

/**
 * A MatchEnded, as a story: check it → record it and add to the totals in one transaction (once
 * per match id) → copy the committed totals to the Redis leaderboard.
 *
 * The copy runs even when the match was already recorded: if the service died after COMMIT and
 * before the ZADD, Kafka redelivers the record (its offset was never committed) and this second
 * pass is what repairs Redis. Totals are read back from PostgreSQL, never computed here, so the
 * leaderboard can only ever show what PostgreSQL holds.
 */
export async function recordMatch(
  outcome: MatchOutcome,
  deps: { stats: StatsRepository; redis: RedisClient; keys: ReturnType<typeof redisKeys> },
): Promise<{ firstTime: boolean }> {
  checkOutcome(outcome)
  const firstTime = await deps.stats.recordMatch(outcome, totalsIncrements(outcome))
  const totals = await deps.stats.totalsOf(outcome.results.map((result) => result.playerId))
  await writeLeaderboard(deps.redis, deps.keys, totals)
  return { firstTime }
}
