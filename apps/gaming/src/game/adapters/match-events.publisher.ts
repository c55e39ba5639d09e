import { type EventLog, encodeEvent } from '@wired/events'
import type { MatchResult } from '@wired/proto/gaming/v1/events'
import { type GamingTopics, MatchEndedEvent, PickupCollectedEvent, PlayerJoinedEvent } from '../../shared/topics'

/**
 * gaming.match-events, keyed by matchId: one match's records land on one partition, in order, so
 * the stats service sees its joins and pickups before its MatchEnded.
 */
export class MatchEventsPublisher {
  constructor(
    private readonly eventLog: EventLog,
    private readonly topics: GamingTopics,
  ) {}

  playerJoined(matchId: string, playerId: string, name: string, atMs: number): Promise<void> {
    return this.eventLog.publish(this.topics.matchEvents, [
      { key: matchId, ...encodeEvent(PlayerJoinedEvent, { matchId, playerId, name, atMs }) },
    ])
  }

  pickupsCollected(
    matchId: string,
    collected: ReadonlyArray<{ playerId: string; pickupId: number; tick: number; points: number }>,
  ): Promise<void> {
    return this.eventLog.publish(
      this.topics.matchEvents,
      collected.map((pickup) => ({ key: matchId, ...encodeEvent(PickupCollectedEvent, { matchId, ...pickup }) })),
    )
  }

  matchEnded(matchId: string, startedAtMs: number, endedAtMs: number, results: MatchResult[]): Promise<void> {
    return this.eventLog.publish(this.topics.matchEvents, [
      { key: matchId, ...encodeEvent(MatchEndedEvent, { matchId, startedAtMs, endedAtMs, results }) },
    ])
  }
}
