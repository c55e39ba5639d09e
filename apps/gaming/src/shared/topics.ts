/**
 * The scenario's Kafka contract. gaming.match-events is keyed by match id, so one match's records
 * stay in order on one partition; the stats service is its one consumer group today (an
 * anti-cheat or replay service would be another group reading the same records).
 *
 *   gaming.match-events   game server → stats (results and player totals in PostgreSQL, Redis leaderboards)
 */
import { defaultDeadLetterTopic, type EventLog, eventType } from '@wired/events'
import { MatchEnded, PickupCollected, PlayerJoined } from '@wired/proto/gaming/v1/events'

/** `prefix` is empty in a deployment; tests sharing one broker pass a run id. */
export const gamingTopics = (prefix = '') => ({ matchEvents: `${prefix}gaming.match-events` })

export type GamingTopics = ReturnType<typeof gamingTopics>

export const consumerGroups = (prefix = '') => ({ stats: `${prefix}gaming-stats` })

export const PARTITIONS = 6

export const PlayerJoinedEvent = eventType('wired.gaming.v1.PlayerJoined', PlayerJoined)
export const PickupCollectedEvent = eventType('wired.gaming.v1.PickupCollected', PickupCollected)
export const MatchEndedEvent = eventType('wired.gaming.v1.MatchEnded', MatchEnded)

export async function ensureTopics(eventLog: EventLog, topics: GamingTopics): Promise<void> {
  await eventLog.createTopics(
    Object.values(topics).flatMap((topic) => [
      { topic, partitions: PARTITIONS },
      { topic: defaultDeadLetterTopic(topic), partitions: 1 },
    ]),
  )
}
