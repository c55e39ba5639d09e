import { AppError } from '@wired/runtime'
import type pg from 'pg'

export interface User {
  userId: string
  name: string
}

/** Users (PostgreSQL, this service's schema). A name is unique: it is also the channel's name. */
export class UserRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** AppError ALREADY_EXISTS when the name is taken (a replayed sign-up changes nothing). */
  async create(user: User): Promise<void> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO users (user_id, name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
      [user.userId, user.name],
    )
    if (rowCount === 0) throw new AppError('ALREADY_EXISTS', `the name ${user.name} is taken`)
  }

  async exists(name: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM users WHERE name = $1', [name])
    return (rowCount ?? 0) > 0
  }
}
