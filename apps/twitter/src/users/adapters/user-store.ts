import { createHash, randomBytes } from 'node:crypto'
import type { Pool } from '@wired/db'
import type { Profile } from '@wired/proto/twitter/v1/users'
import { AppError, hashPassword, verifyPassword } from '@wired/runtime'
import { WRONG_CREDENTIALS } from '../domain/account'

interface UserRow {
  user_id: string
  handle: string
  display_name: string
  followers: string
  following: string
}

const COLUMNS = 'user_id, handle, display_name, followers, following'
const COLUMNS_OF_U = 'u.user_id, u.handle, u.display_name, u.followers, u.following'

export const toProfile = (row: UserRow): Profile => ({
  userId: String(row.user_id),
  handle: row.handle,
  displayName: row.display_name,
  followers: Number(row.followers),
  following: Number(row.following),
})

/** Only a token's hash is stored: a copy of the table signs nobody in. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url')

/** Users, sessions and follows in PostgreSQL (schema tw_users). */
export class UserStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Sign-in: a new handle is signed up with this password; a known one must match its hash.
   * ON CONFLICT DO NOTHING lets two first sign-ins of one handle race safely.
   */
  async signUpOrVerify(handle: string, displayName: string, password: string): Promise<UserRow> {
    const { rows } = await this.pool.query<UserRow>(
      `INSERT INTO users (handle, display_name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (handle) DO NOTHING RETURNING ${COLUMNS}`,
      [handle, displayName, await hashPassword(password)],
    )
    if (rows[0]) return rows[0]
    const existing = await this.pool.query<UserRow & { password_hash: string }>(
      `SELECT ${COLUMNS}, password_hash FROM users WHERE handle = $1`,
      [handle],
    )
    const user = existing.rows[0]
    if (!user || !(await verifyPassword(password, user.password_hash))) throw WRONG_CREDENTIALS()
    return user
  }

  async createSession(userId: string, ttlSeconds: number): Promise<string> {
    const token = randomBytes(32).toString('base64url')
    await this.pool.query(
      `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [hashToken(token), userId, ttlSeconds],
    )
    return token
  }

  async userForToken(token: string): Promise<UserRow> {
    const { rows } = await this.pool.query<UserRow>(
      `SELECT ${COLUMNS_OF_U} FROM sessions s JOIN users u USING (user_id)
       WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hashToken(token)],
    )
    if (!rows[0]) throw new AppError('UNAUTHENTICATED', 'unknown or expired token')
    return rows[0]
  }

  async profiles(userIds: readonly string[]): Promise<UserRow[]> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE user_id = ANY($1::bigint[])`, [
      userIds,
    ])
    return rows
  }

  async byHandle(handle: string): Promise<UserRow> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE handle = $1`, [handle])
    if (!rows[0]) throw new AppError('NOT_FOUND', `no user @${handle}`, { handle })
    return rows[0]
  }

  async follows(followerId: string, followeeId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM follows WHERE follower_id = $1 AND followee_id = $2', [
      followerId,
      followeeId,
    ])
    return (rowCount ?? 0) > 0
  }

  /**
   * Adds or removes one edge and moves both counters in the same statement, only when the edge
   * changed: following twice is one follow. Returns the followee as it is afterwards.
   */
  async setFollow(
    followerId: string,
    followeeId: string,
    following: boolean,
  ): Promise<{ followee: UserRow; changed: boolean }> {
    const change = following
      ? 'INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1'
      : 'DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2 RETURNING 1'
    const delta = following ? 1 : -1
    const { rows } = await this.pool.query<UserRow & { changed: boolean }>(
      `WITH changed AS (${change}),
            follower AS (UPDATE users SET following = following + ${delta}
                         WHERE user_id = $1 AND EXISTS (SELECT 1 FROM changed)),
            followee AS (UPDATE users SET followers = followers + ${delta}
                         WHERE user_id = $2 AND EXISTS (SELECT 1 FROM changed) RETURNING ${COLUMNS})
       SELECT ${COLUMNS}, true AS changed FROM followee
       UNION ALL
       SELECT ${COLUMNS}, false AS changed FROM users WHERE user_id = $2 AND NOT EXISTS (SELECT 1 FROM changed)`,
      [followerId, followeeId],
    )
    const row = rows[0]
    if (!row) throw new AppError('NOT_FOUND', 'no such user')
    const { changed, ...followee } = row
    return { followee, changed }
  }

  /** Everyone the user follows, with their follower counts (celebrity status). */
  async following(userId: string): Promise<{ user_id: string; followers: string }[]> {
    const { rows } = await this.pool.query<{ user_id: string; followers: string }>(
      `SELECT u.user_id, u.followers FROM follows f JOIN users u ON u.user_id = f.followee_id WHERE f.follower_id = $1`,
      [userId],
    )
    return rows
  }

  /** One page of followers in id order, after `afterId`, and the author's follower count. */
  async followers(userId: string, afterId: string, limit: number): Promise<{ ids: string[]; total: number }> {
    const [page, count] = await Promise.all([
      this.pool.query<{ follower_id: string }>(
        `SELECT follower_id FROM follows WHERE followee_id = $1 AND follower_id > $2 ORDER BY follower_id LIMIT $3`,
        [userId, afterId, limit],
      ),
      this.pool.query<{ followers: string }>('SELECT followers FROM users WHERE user_id = $1', [userId]),
    ])
    return { ids: page.rows.map((row) => String(row.follower_id)), total: Number(count.rows[0]?.followers ?? 0) }
  }
}
