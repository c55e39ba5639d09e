import { randomBytes } from 'node:crypto'
import { createKafkaEventLog, type EventLog, type EventType, encodeEvent } from '@wired/events'
import type { MatchEnded } from '@wired/proto/gaming/v1/events'
import type { BootOptions, RunMode } from '@wired/testkit'
import pg from 'pg'
import { gamingTopics, MatchEndedEvent } from '../../src/shared/topics'
import { bootGame, type RunningGame } from './boot'

export interface Placement {
  matchId: string
  ticket: string
  endsAt: number
  udp: string
  tcp: string
  ws: string
  netem: { udp: string; tcp: string; ws: string }
}

export interface LeaderboardEntry {
  rank: number
  playerId: string
  name: string
  score: number
}

export type RunningLobby = Awaited<ReturnType<typeof bootLobby>>

/**
 * The game booted for the lobby's tests, plus what they need from outside: a Kafka producer on the
 * run's topic (the twin embedded, kafkajs on real infra) standing in for the game server's
 * MatchEnded, and a read-only look at the stats service's tables to compare with Redis.
 */
export async function bootLobby(mode: RunMode, options: BootOptions = {}) {
  const game: RunningGame = await bootGame(mode, options)
  const events: EventLog =
    game.twins?.eventLog ??
    (await createKafkaEventLog({
      brokers: game.env.KAFKA_BROKERS!.split(','),
      clientId: `gaming-lobby-test-${randomBytes(3).toString('hex')}`,
    }))
  const topic = gamingTopics(game.env.KAFKA_TOPIC_PREFIX ?? '').matchEvents
  const statsUrl = new URL(game.env.DATABASE_URL!)
  statsUrl.searchParams.set('options', '-c search_path=gaming_stats')
  const statsDb = new pg.Pool({ connectionString: statsUrl.toString(), max: 2 })
  const lobbyUrl = new URL(game.env.DATABASE_URL!)
  lobbyUrl.searchParams.set('options', '-c search_path=gaming_lobby')
  const lobbyDb = new pg.Pool({ connectionString: lobbyUrl.toString(), max: 1 })

  const signUp = async (name: string) => {
    const reply = await game.request<{ playerId: string; name: string; token: string }>('POST', '/api/players', {
      body: { name },
    })
    if (reply.status !== 201) throw new Error(`sign-up of ${name}: ${reply.status} ${JSON.stringify(reply.body)}`)
    return reply.body.data!
  }
  const matchmake = (token: string) =>
    game.request<Placement>('POST', '/api/matchmaking', { body: {}, headers: { authorization: `Bearer ${token}` } })

  return {
    ...game,
    statsDb,
    signUp,
    matchmake,
    /** Publishes MatchEnded records keyed by match id, as the game server does. */
    publishMatchEnded: (...matches: MatchEnded[]) =>
      events.publish(
        topic,
        matches.map((match) => ({ key: match.matchId, ...encodeEvent(MatchEndedEvent, match) })),
      ),
    /**
     * The same with an explicit key: a record keyed like an earlier one lands on the same
     * partition, after it, so once it is handled the earlier one has been too.
     */
    publishKeyed: (key: string, match: MatchEnded) =>
      events.publish(topic, [{ key, ...encodeEvent(MatchEndedEvent, match) }]),
    /** Any of the topic's event types, keyed by match id. */
    publishEvent: <T extends { matchId: string }>(type: EventType<T>, ...messages: T[]) =>
      events.publish(
        topic,
        messages.map((message) => ({ key: message.matchId, ...encodeEvent(type, message) })),
      ),
    leaderboard: async (limit = 100) => {
      const reply = await game.request<{ board: string; entries: LeaderboardEntry[] }>(
        'GET',
        `/api/leaderboards/points?limit=${limit}`,
      )
      return reply.body.data!.entries
    },
    /** player id → total points, as PostgreSQL holds them. */
    totalsInPostgres: async () => {
      const { rows } = await statsDb.query<{ player_id: string; points: string }>(
        'SELECT player_id, points FROM player_totals',
      )
      return new Map(rows.map((row) => [row.player_id, Number(row.points)]))
    },
    /** Row counts of the lobby's tables: what a refused request must leave as it was. */
    lobbyRows: async () => {
      const { rows } = await lobbyDb.query<{ players: number; matches: number; seats: number }>(
        `SELECT (SELECT count(*)::int FROM players) AS players, (SELECT count(*)::int FROM matches) AS matches,
                (SELECT count(*)::int FROM match_players) AS seats`,
      )
      return rows[0]!
    },
    stop: async () => {
      await statsDb.end()
      await lobbyDb.end()
      if (!game.twins?.eventLog) await events.close()
      await game.stop()
    },
  }
}

export const uniqueId = (prefix: string) => `${prefix}_${randomBytes(6).toString('base64url')}`
