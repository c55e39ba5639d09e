import type { Pool } from '@wired/db'

/** Likes and per-post counters in PostgreSQL (schema tw_likes). */
export class LikeStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Adds or removes the like, and moves the counter only if the like row changed: liking twice
   * is one like, in one statement (no read-then-write race between two clicks).
   */
  async setLike(userId: string, postId: string, liked: boolean): Promise<{ count: number; changed: boolean }> {
    const { rows } = await this.pool.query<{ count: string; changed: boolean }>(
      liked
        ? `WITH changed AS (INSERT INTO likes (post_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1),
                counted AS (INSERT INTO like_counts (post_id, count) SELECT $1, 1 FROM changed
                            ON CONFLICT (post_id) DO UPDATE SET count = like_counts.count + 1 RETURNING count)
           SELECT count, true AS changed FROM counted
           UNION ALL SELECT coalesce((SELECT count FROM like_counts WHERE post_id = $1), 0), false
           WHERE NOT EXISTS (SELECT 1 FROM changed)`
        : `WITH changed AS (DELETE FROM likes WHERE post_id = $1 AND user_id = $2 RETURNING 1),
                counted AS (UPDATE like_counts SET count = count - 1 WHERE post_id = $1 AND EXISTS (SELECT 1 FROM changed)
                            RETURNING count)
           SELECT count, true AS changed FROM counted
           UNION ALL SELECT coalesce((SELECT count FROM like_counts WHERE post_id = $1), 0), false
           WHERE NOT EXISTS (SELECT 1 FROM changed)`,
      [postId, userId],
    )
    return { count: Number(rows[0]!.count), changed: rows[0]!.changed }
  }

  async counts(postIds: readonly string[], viewerId: string | undefined) {
    const { rows } = await this.pool.query<{ post_id: string; count: string; liked: boolean }>(
      `SELECT p.post_id, coalesce(c.count, 0) AS count,
              EXISTS (SELECT 1 FROM likes l WHERE l.post_id = p.post_id AND l.user_id = $2) AS liked
       FROM unnest($1::bigint[]) AS p(post_id) LEFT JOIN like_counts c USING (post_id)`,
      [postIds, viewerId ?? null],
    )
    return rows.map((row) => ({ postId: String(row.post_id), count: Number(row.count), likedByViewer: row.liked }))
  }
}
