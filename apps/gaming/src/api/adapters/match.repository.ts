import { inTransaction } from '@wired/db'
import type pg from 'pg'
import type { OpenMatch } from '../domain/matchmaking'

/**
 * Any constant works: every api replica takes the same transaction-scoped advisory lock before
 * deciding, so placements happen one at a time across the whole deployment. Why one lock rather
 * than `SELECT ... FOR UPDATE` on the chosen match: two requests that both find no match with room
 * would both open a new one, and `FOR UPDATE` skips re-choosing when the row it waited for filled
 * up. A placement is three short statements; one at a time is thousands per second, plenty for a
 * lobby (a bigger one would shard the lock by region or game mode).
 */
const MATCHMAKING_LOCK = 8_001

interface MatchRow {
  match_id: string
  players: number
  capacity: number
  ends_at: Date
}

const toMatch = (row: MatchRow): OpenMatch => ({
  matchId: row.match_id,
  players: row.players,
  capacity: row.capacity,
  endsAt: row.ends_at.getTime(),
})

/** What matchmaking may do while it holds the lock: read the open matches, join one or open one. */
export interface LobbyUnderLock {
  currentMatchOf(playerId: string, now: Date): Promise<OpenMatch | undefined>
  openMatches(now: Date): Promise<OpenMatch[]>
  join(matchId: string, playerId: string): Promise<void>
  open(match: { matchId: string; capacity: number; endsAt: Date }, playerId: string): Promise<void>
}

export class MatchRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** Runs `decide` in one transaction holding the matchmaking lock; COMMIT releases it. */
  underMatchmakingLock<T>(decide: (lobby: LobbyUnderLock) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MATCHMAKING_LOCK])
      return decide({
        currentMatchOf: async (playerId, now) => {
          const { rows } = await client.query<MatchRow>(
            `SELECT m.match_id, m.players, m.capacity, m.ends_at
               FROM match_players mp JOIN matches m USING (match_id)
              WHERE mp.player_id = $1 AND m.ends_at > $2
              ORDER BY m.ends_at DESC LIMIT 1`,
            [playerId, now],
          )
          return rows[0] && toMatch(rows[0])
        },
        openMatches: async (now) => {
          const { rows } = await client.query<MatchRow>(
            'SELECT match_id, players, capacity, ends_at FROM matches WHERE ends_at > $1 AND players < capacity',
            [now],
          )
          return rows.map(toMatch)
        },
        join: async (matchId, playerId) => {
          await client.query('INSERT INTO match_players (match_id, player_id) VALUES ($1, $2)', [matchId, playerId])
          await client.query('UPDATE matches SET players = players + 1 WHERE match_id = $1', [matchId])
        },
        open: async (match, playerId) => {
          await client.query('INSERT INTO matches (match_id, capacity, players, ends_at) VALUES ($1, $2, 1, $3)', [
            match.matchId,
            match.capacity,
            match.endsAt,
          ])
          await client.query('INSERT INTO match_players (match_id, player_id) VALUES ($1, $2)', [
            match.matchId,
            playerId,
          ])
        },
      })
    })
  }

  /** The lobby's list: matches not yet over, soonest end first. */
  async listOpen(now: Date, limit = 100): Promise<OpenMatch[]> {
    const { rows } = await this.pool.query<MatchRow>(
      'SELECT match_id, players, capacity, ends_at FROM matches WHERE ends_at > $1 ORDER BY ends_at, match_id LIMIT $2',
      [now, limit],
    )
    return rows.map(toMatch)
  }

  async find(matchId: string): Promise<OpenMatch | undefined> {
    const { rows } = await this.pool.query<MatchRow>(
      'SELECT match_id, players, capacity, ends_at FROM matches WHERE match_id = $1',
      [matchId],
    )
    return rows[0] && toMatch(rows[0])
  }
}
