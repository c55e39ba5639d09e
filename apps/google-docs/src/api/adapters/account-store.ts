import { randomUUID } from 'node:crypto'
import type { Pool } from '@wired/db'

export interface Account {
  id: string
  handle: string
  passwordHash: string
}

export class AccountStore {
  constructor(private readonly pool: Pool) {}

  /** Undefined if the handle is taken. */
  async create(handle: string, passwordHash: string): Promise<Account | undefined> {
    const id = randomUUID()
    const { rowCount } = await this.pool.query(
      'INSERT INTO users (id, handle, password_hash) VALUES ($1, $2, $3) ON CONFLICT (handle) DO NOTHING',
      [id, handle, passwordHash],
    )
    return rowCount === 1 ? { id, handle, passwordHash } : undefined
  }

  async byHandle(handle: string): Promise<Account | undefined> {
    const { rows } = await this.pool.query<{ id: string; handle: string; password_hash: string }>(
      'SELECT id, handle, password_hash FROM users WHERE handle = $1',
      [handle],
    )
    const row = rows[0]
    return row && { id: row.id, handle: row.handle, passwordHash: row.password_hash }
  }
}
