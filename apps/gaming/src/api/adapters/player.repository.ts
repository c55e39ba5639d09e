import type pg from 'pg'

export interface Player {
  playerId: string
  name: string
}

/** The lobby's players (PostgreSQL, this service's schema). */
export class PlayerRepository {
  constructor(private readonly pool: pg.Pool) {}

  async create(player: Player): Promise<void> {
    await this.pool.query('INSERT INTO players (player_id, name) VALUES ($1, $2)', [player.playerId, player.name])
  }

  async find(playerId: string): Promise<Player | undefined> {
    const { rows } = await this.pool.query<{ name: string }>('SELECT name FROM players WHERE player_id = $1', [
      playerId,
    ])
    return rows[0] ? { playerId, name: rows[0].name } : undefined
  }
}
