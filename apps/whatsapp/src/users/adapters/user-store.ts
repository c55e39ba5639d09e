import { randomBytes, randomUUID } from 'node:crypto'
import type { Pool } from '@wired/db'
import type { Contact, Settings, User } from '@wired/proto/whatsapp/v1/users'
import { AppError, hashPassword, verifyPassword } from '@wired/runtime'
import { hashToken } from '../../shared/session-token'
import { WRONG_CREDENTIALS } from '../domain/credentials'

interface UserRow {
  user_id: string
  handle: string
  display_name: string
  about: string
  read_receipts: boolean
  show_last_seen: boolean
}

const USER_COLUMNS = 'user_id, handle, display_name, about, read_receipts, show_last_seen'
const USER_COLUMNS_OF_U = 'u.user_id, u.handle, u.display_name, u.about, u.read_receipts, u.show_last_seen'

/** Users, sessions and contacts in PostgreSQL (schema wa_users). */
export class UserStore {
  constructor(private readonly pool: Pool) {}

  /**
   * The user with this handle, created on first sign-in. The no-op DO UPDATE makes RETURNING
   * yield the existing row too, in one statement that two concurrent first sign-ins cannot race.
   */
  async findOrCreate(handle: string, displayName: string): Promise<UserRow> {
    const { rows } = await this.pool.query<UserRow>(
      `INSERT INTO users (user_id, handle, display_name) VALUES ($1, $2, $3)
       ON CONFLICT (handle) DO UPDATE SET handle = EXCLUDED.handle
       RETURNING ${USER_COLUMNS}`,
      [randomUUID(), handle, displayName],
    )
    return rows[0]!
  }

  /**
   * Sign-in: a new handle is signed up with this password; a known one must match its hash.
   * ON CONFLICT DO NOTHING lets two first sign-ins of one handle race safely: the loser finds
   * the winner's row and is checked against its password like anyone else.
   */
  async signUpOrVerify(handle: string, displayName: string, password: string): Promise<UserRow> {
    const { rows } = await this.pool.query<UserRow>(
      `INSERT INTO users (user_id, handle, display_name, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (handle) DO NOTHING RETURNING ${USER_COLUMNS}`,
      [randomUUID(), handle, displayName, await hashPassword(password)],
    )
    if (rows[0]) return rows[0]
    const existing = await this.pool.query<UserRow & { password_hash: string | null }>(
      `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE handle = $1`,
      [handle],
    )
    const user = existing.rows[0]
    if (!user?.password_hash || !(await verifyPassword(password, user.password_hash))) throw WRONG_CREDENTIALS()
    const { password_hash: _, ...row } = user
    return row
  }

  /** The demo cast's password, set where none is (so a password a demo user chose stays). */
  async setPasswordIfNone(userId: string, password: string): Promise<void> {
    await this.pool.query('UPDATE users SET password_hash = $2 WHERE user_id = $1 AND password_hash IS NULL', [
      userId,
      await hashPassword(password),
    ])
  }

  /** A new opaque bearer token (base64url, so it fits a WebSocket subprotocol); only its hash is kept. */
  async createSession(userId: string, expiresAtMs: number): Promise<string> {
    const token = randomBytes(32).toString('base64url')
    await this.pool.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      hashToken(token),
      userId,
      new Date(expiresAtMs),
    ])
    return token
  }

  async userForToken(token: string): Promise<{ user: UserRow; expiresAtMs: number }> {
    const { rows } = await this.pool.query<UserRow & { expires_at: Date }>(
      `SELECT ${USER_COLUMNS_OF_U}, s.expires_at FROM sessions s JOIN users u USING (user_id)
       WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hashToken(token)],
    )
    if (!rows[0]) throw new AppError('UNAUTHENTICATED', 'unknown or expired token')
    const { expires_at, ...user } = rows[0]
    return { user, expiresAtMs: expires_at.getTime() }
  }

  /**
   * Ends a valid session and returns its user: renewal replaces the token, sign-out just ends it.
   * Expired rows go at the same time (the sessions table would otherwise only grow).
   */
  async endSession(token: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      `WITH ended AS (DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id, expires_at),
            swept AS (DELETE FROM sessions WHERE expires_at < now() - interval '1 day')
       SELECT user_id FROM ended WHERE expires_at > now()`,
      [hashToken(token)],
    )
    return rows[0]?.user_id
  }

  async get(userId: string): Promise<UserRow> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE user_id = $1`, [userId])
    if (!rows[0]) throw new AppError('NOT_FOUND', 'no such user', { userId })
    return rows[0]
  }

  async byHandle(handle: string): Promise<UserRow> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE handle = $1`, [handle])
    if (!rows[0]) throw new AppError('NOT_FOUND', `no user with handle '${handle}'`, { handle })
    return rows[0]
  }

  /** The ids among `userIds` that exist. */
  async existing(userIds: readonly string[]): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ user_id: string }>('SELECT user_id FROM users WHERE user_id = ANY($1)', [
      userIds,
    ])
    return new Set(rows.map((row) => row.user_id))
  }

  /** COALESCE keeps a column when its new value is NULL, i.e. when the request left it unset. */
  async updateProfile(userId: string, displayName?: string, about?: string): Promise<UserRow> {
    const { rows } = await this.pool.query<UserRow>(
      `UPDATE users SET display_name = COALESCE($2, display_name), about = COALESCE($3, about)
       WHERE user_id = $1 RETURNING ${USER_COLUMNS}`,
      [userId, displayName ?? null, about ?? null],
    )
    if (!rows[0]) throw new AppError('NOT_FOUND', 'no such user', { userId })
    return rows[0]
  }

  async updateSettings(userId: string, readReceipts?: boolean, showLastSeen?: boolean): Promise<UserRow> {
    const { rows } = await this.pool.query<UserRow>(
      `UPDATE users SET read_receipts = COALESCE($2, read_receipts), show_last_seen = COALESCE($3, show_last_seen)
       WHERE user_id = $1 RETURNING ${USER_COLUMNS}`,
      [userId, readReceipts ?? null, showLastSeen ?? null],
    )
    if (!rows[0]) throw new AppError('NOT_FOUND', 'no such user', { userId })
    return rows[0]
  }

  async contacts(userId: string): Promise<UserRow[]> {
    const { rows } = await this.pool.query<UserRow>(
      `SELECT ${USER_COLUMNS_OF_U} FROM contacts c JOIN users u ON u.user_id = c.contact_id
       WHERE c.owner_id = $1 ORDER BY u.display_name`,
      [userId],
    )
    return rows
  }

  /** Both directions in one statement: contacts are mutual, so presence flows both ways. */
  async addMutualContacts(userId: string, contactIds: readonly string[]): Promise<void> {
    const others = contactIds.filter((id) => id !== userId)
    if (others.length === 0) return
    await this.pool.query(
      `INSERT INTO contacts (owner_id, contact_id)
       SELECT $1::uuid, other FROM unnest($2::uuid[]) AS other
       UNION ALL SELECT other, $1::uuid FROM unnest($2::uuid[]) AS other
       ON CONFLICT DO NOTHING`,
      [userId, others],
    )
  }
}

export function toUser(row: UserRow): User {
  return { userId: row.user_id, handle: row.handle, displayName: row.display_name, about: row.about }
}

export function toSettings(row: UserRow): Settings {
  return { readReceipts: row.read_receipts, showLastSeen: row.show_last_seen }
}

export function toContact(row: UserRow): Contact {
  return { user: toUser(row), settings: toSettings(row) }
}
