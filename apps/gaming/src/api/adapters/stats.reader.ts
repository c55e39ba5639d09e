import type pg from 'pg'

export interface PlayerTotals {
  name: string
  matches: number
  wins: number
  points: number
  bestPoints: number
}

export interface RecordedResult {
  playerId: string
  name: string
  points: number
  rank: number
}

/**
 * Reads what the stats service recorded, from its schema, read-only. The one place a Wired service
 * reads another's tables, on purpose: the stats service is a Kafka consumer with no API of its
 * own, and these are its read models (results, totals) that nothing here ever writes. If stats
 * moved to its own database, this file would become a client of a stats API and nothing else
 * would change.
 */
export class StatsReader {
  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  async totalsOf(playerId: string): Promise<PlayerTotals | undefined> {
    const { rows } = await this.pool.query<{
      name: string
      matches: number
      wins: number
      points: string
      best_points: number
    }>(`SELECT name, matches, wins, points, best_points FROM ${this.schema}.player_totals WHERE player_id = $1`, [
      playerId,
    ])
    const row = rows[0]
    if (!row) return undefined
    return {
      name: row.name,
      matches: row.matches,
      wins: row.wins,
      points: Number(row.points),
      bestPoints: row.best_points,
    }
  }

  /** The match's results, best rank first; undefined while the match has not been recorded. */
  async resultsOf(matchId: string): Promise<RecordedResult[] | undefined> {
    const recorded = await this.pool.query(`SELECT 1 FROM ${this.schema}.match_results WHERE match_id = $1`, [matchId])
    if (recorded.rowCount === 0) return undefined
    const { rows } = await this.pool.query<{ player_id: string; name: string; points: number; rank: number }>(
      `SELECT player_id, name, points, rank FROM ${this.schema}.match_result_players
        WHERE match_id = $1 ORDER BY rank, player_id`,
      [matchId],
    )
    return rows.map((row) => ({ playerId: row.player_id, name: row.name, points: row.points, rank: row.rank }))
  }
}
