import { decodeEvent, EVENT_TYPE_HEADER, type EventLog, type IncomingRecord } from '@wired/events'
import type { RedisClient } from '@wired/redis'
import { AppError, type Logger } from '@wired/runtime'
import type { redisKeys } from '../../shared/redis-keys'
import {
  type consumerGroups,
  type GamingTopics,
  MatchEndedEvent,
  PickupCollectedEvent,
  PlayerJoinedEvent,
} from '../../shared/topics'
import type { StatsRepository } from '../adapters/stats.repository'
import { recordMatch } from '../use-cases/record-match'

/**
 * The stats service's one consumer: group `gaming-stats` on gaming.match-events. The offset is
 * committed only after a handler resolves (at-least-once), so every handler is idempotent:
 *
 *   MatchEnded       results + totals in PostgreSQL, once per match id; then ZADD the totals
 *   PlayerJoined     INSERT match_joins ... ON CONFLICT DO NOTHING
 *   PickupCollected  INSERT match_pickups ... ON CONFLICT DO NOTHING
 *
 * Joins and pickups are only counted (a replay or an anti-cheat job could use them); the score
 * that counts comes with MatchEnded, decided by the authoritative game server.
 */
export async function consumeMatchEvents(
  eventLog: EventLog,
  topics: GamingTopics,
  groups: ReturnType<typeof consumerGroups>,
  deps: { stats: StatsRepository; redis: RedisClient; keys: ReturnType<typeof redisKeys>; logger: Logger },
) {
  const handle = async (record: IncomingRecord) => {
    switch (record.headers[EVENT_TYPE_HEADER]) {
      case MatchEndedEvent.typeName: {
        const outcome = decodeEvent(MatchEndedEvent, record)
        const { firstTime } = await recordMatch(outcome, deps)
        deps.logger.info({ matchId: outcome.matchId, players: outcome.results.length, firstTime }, 'match recorded')
        return
      }
      case PlayerJoinedEvent.typeName:
        return deps.stats.recordJoin(decodeEvent(PlayerJoinedEvent, record))
      case PickupCollectedEvent.typeName:
        return deps.stats.recordPickup(decodeEvent(PickupCollectedEvent, record))
      default:
        // Unknown type: poison, dead-lettered after the retries rather than silently skipped.
        throw new AppError('INVALID_ARGUMENT', `unknown event type ${record.headers[EVENT_TYPE_HEADER]}`)
    }
  }
  return eventLog.subscribe({
    groupId: groups.stats,
    topics: [topics.matchEvents],
    fromBeginning: true,
    // A match's results are worth waiting for: about 25 s of retries (100 ms doubling) ride out a
    // PostgreSQL or Redis restart before a record is parked on the dead-letter topic.
    maxRetries: 8,
    retryBackoffMs: 100,
    handler: handle,
  })
}
