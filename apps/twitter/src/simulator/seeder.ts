import { createPool } from '@wired/db'
import { hashPassword, type Logger } from '@wired/runtime'
import { followGraph } from './domain/follow-graph'

export interface SeedOptions {
  databaseUrl: string
  users: number
  followsPerUser: number
  password: string
  logger: Logger
}

/** Handles of the seeded accounts: the five most followed are `star1`..`star5`. */
export const seededHandle = (index: number): string =>
  index < 5 ? `star${index + 1}` : `reader${String(index).padStart(5, '0')}`

const BATCH = 5_000

/**
 * Loads readers and their follow graph straight into the user service's tables, the way a real
 * system bulk-loads a dump: a thousand sign-ups through the API would spend minutes hashing
 * passwords (every seeded reader shares one hash). Skipped when the seed is already there, so a
 * restarted simulator does not double it. Returns the user ids in popularity order.
 */
export async function seedReaders(options: SeedOptions): Promise<string[]> {
  const pool = createPool(options.databaseUrl, { max: 2 })
  try {
    const existing = await pool.query<{ user_id: string }>(
      `SELECT user_id FROM tw_users.users WHERE handle = ANY($1) ORDER BY user_id`,
      [[seededHandle(0), seededHandle(options.users - 1)]],
    )
    if (existing.rows.length === 2) {
      options.logger.info({ readers: options.users }, 'seed already loaded')
      const { rows } = await pool.query<{ user_id: string; handle: string }>(
        `SELECT user_id, handle FROM tw_users.users WHERE handle ~ '^(star|reader)[0-9]+$'`,
      )
      const byHandle = new Map(rows.map((row) => [row.handle, String(row.user_id)]))
      return Array.from({ length: options.users }, (_, i) => byHandle.get(seededHandle(i))!)
    }
    const hash = await hashPassword(options.password)
    const ids: string[] = []
    for (let start = 0; start < options.users; start += BATCH) {
      const handles = Array.from({ length: Math.min(BATCH, options.users - start) }, (_, i) => seededHandle(start + i))
      const { rows } = await pool.query<{ user_id: string }>(
        `INSERT INTO tw_users.users (handle, display_name, password_hash)
         SELECT h, initcap(regexp_replace(h, '([0-9]+)$', ' \\1')), $2 FROM unnest($1::text[]) WITH ORDINALITY AS t(h, n)
         ORDER BY n RETURNING user_id`,
        [handles, hash],
      )
      ids.push(...rows.map((row) => String(row.user_id)))
    }
    const graph = followGraph({ users: options.users, followsPerUser: options.followsPerUser })
    const edges = graph.flatMap((followees, follower) => followees.map((followee) => [ids[follower]!, ids[followee]!]))
    for (let start = 0; start < edges.length; start += BATCH) {
      const batch = edges.slice(start, start + BATCH)
      await pool.query(
        'INSERT INTO tw_users.follows (follower_id, followee_id) SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING',
        [batch.map((edge) => edge[0]), batch.map((edge) => edge[1])],
      )
      options.logger.info(
        { follows: Math.min(start + BATCH, edges.length), of: edges.length },
        'seeding the follow graph',
      )
    }
    await pool.query(
      `UPDATE tw_users.users u SET
         followers = (SELECT count(*) FROM tw_users.follows WHERE followee_id = u.user_id),
         following = (SELECT count(*) FROM tw_users.follows WHERE follower_id = u.user_id)
       WHERE u.user_id = ANY($1::bigint[])`,
      [ids],
    )
    return ids
  } finally {
    await pool.end()
  }
}
