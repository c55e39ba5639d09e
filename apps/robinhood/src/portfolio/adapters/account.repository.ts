import { randomBytes } from 'node:crypto'
import type { Pool } from '@wired/db'
import { AppError } from '@wired/runtime'

/** Accounts and their credentials (schema rh_portfolio). */
export class AccountRepository {
  constructor(private readonly pool: Pool) {}

  async open(name: string, passwordHash: string, startingCents: number): Promise<string> {
    const accountId = `acct_${randomBytes(9).toString('base64url')}`
    try {
      await this.pool.query(
        'INSERT INTO accounts (account_id, name, password_hash, cash_cents) VALUES ($1, $2, $3, $4)',
        [accountId, name, passwordHash, startingCents],
      )
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new AppError('ALREADY_EXISTS', 'that name is taken')
      throw error
    }
    return accountId
  }

  async byName(name: string): Promise<{ accountId: string; passwordHash: string } | undefined> {
    const { rows } = await this.pool.query<{ account_id: string; password_hash: string }>(
      'SELECT account_id, password_hash FROM accounts WHERE name = $1',
      [name],
    )
    return rows[0] && { accountId: rows[0].account_id, passwordHash: rows[0].password_hash }
  }
}
