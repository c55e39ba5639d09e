import { inTransaction } from '@wired/db'
import type pg from 'pg'
import type { MatchOutcome, TotalsIncrement } from '../domain/match-outcome'

/** The stats service's tables (PostgreSQL, its own schema); the SQL is the point, so it stays visible. */
export class StatsRepository {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * One transaction: the match row (its primary key is the "once" guard), its results, and every
   * player's totals. Returns false, having changed nothing, when the match was already recorded,
   * so a redelivered MatchEnded never counts twice.
   */
  recordMatch(outcome: MatchOutcome, increments: TotalsIncrement[]): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const inserted = await client.query(
        `INSERT INTO match_results (match_id, started_at, ended_at)
         VALUES ($1, to_timestamp($2 / 1000.0), to_timestamp($3 / 1000.0))
         ON CONFLICT (match_id) DO NOTHING`,
        [outcome.matchId, outcome.startedAtMs, outcome.endedAtMs],
      )
      if (inserted.rowCount === 0) return false
      const column = <K extends keyof MatchOutcome['results'][number]>(key: K) => outcome.results.map((r) => r[key])
      await client.query(
        `INSERT INTO match_result_players (match_id, player_id, name, points, rank)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::int[])`,
        [outcome.matchId, column('playerId'), column('name'), column('points'), column('rank')],
      )
      // Sorted by player id, so two matches ending at once lock the same players in the same order.
      const sorted = [...increments].sort((a, b) => (a.playerId < b.playerId ? -1 : 1))
      await client.query(
        `INSERT INTO player_totals AS t (player_id, name, matches, wins, points, best_points)
         SELECT id, name, 1, win, points, points FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS i(id, name, win, points)
         ON CONFLICT (player_id) DO UPDATE SET
           name = EXCLUDED.name,
           matches = t.matches + 1,
           wins = t.wins + EXCLUDED.wins,
           points = t.points + EXCLUDED.points,
           best_points = GREATEST(t.best_points, EXCLUDED.best_points)`,
        [
          sorted.map((i) => i.playerId),
          sorted.map((i) => i.name),
          sorted.map((i) => i.win),
          sorted.map((i) => i.points),
        ],
      )
      return true
    })
  }

  /** Committed totals, for the leaderboard copy in Redis. */
  async totalsOf(playerIds: string[]): Promise<Array<{ playerId: string; name: string; points: number }>> {
    const { rows } = await this.pool.query<{ player_id: string; name: string; points: string }>(
      'SELECT player_id, name, points FROM player_totals WHERE player_id = ANY($1::text[])',
      [playerIds],
    )
    return rows.map((row) => ({ playerId: row.player_id, name: row.name, points: Number(row.points) }))
  }

  async recordJoin(join: { matchId: string; playerId: string; atMs: number }): Promise<void> {
    await this.pool.query(
      `INSERT INTO match_joins (match_id, player_id, joined_at) VALUES ($1, $2, to_timestamp($3 / 1000.0))
       ON CONFLICT DO NOTHING`,
      [join.matchId, join.playerId, join.atMs],
    )
  }

  async recordPickup(pickup: {
    matchId: string
    pickupId: number
    tick: number
    playerId: string
    points: number
  }): Promise<void> {
    await this.pool.query(
      `INSERT INTO match_pickups (match_id, pickup_id, tick, player_id, points) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [pickup.matchId, pickup.pickupId, pickup.tick, pickup.playerId, pickup.points],
    )
  }
}
