import type { Pool } from '@wired/db'

export interface Comment {
  id: string
  userId: string
  text: string
  createdAt: string
}

/** Likes (one per user and video: a replayed like is a no-op) and comments, paged by id. */
export class EngagementRepository {
  constructor(private readonly pool: Pool) {}

  /** true when this call added the like. */
  async like(videoId: string, userId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO likes (video_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [videoId, userId],
    )
    return rowCount === 1
  }

  async unlike(videoId: string, userId: string): Promise<void> {
    await this.pool.query('DELETE FROM likes WHERE video_id = $1 AND user_id = $2', [videoId, userId])
  }

  async comment(videoId: string, userId: string, text: string): Promise<Comment> {
    const { rows } = await this.pool.query(
      'INSERT INTO comments (video_id, user_id, text) VALUES ($1, $2, $3) RETURNING id, user_id, text, created_at',
      [videoId, userId, text],
    )
    return toComment(rows[0]!)
  }

  /** Newest first; `before` is the id of the last comment of the previous page (keyset pagination). */
  async comments(videoId: string, options: { before?: string; limit: number }): Promise<Comment[]> {
    const { rows } = await this.pool.query(
      `SELECT id, user_id, text, created_at FROM comments
        WHERE video_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
      [videoId, options.before ?? null, options.limit],
    )
    return rows.map(toComment)
  }
}

const toComment = (row: Record<string, unknown>): Comment => ({
  id: String(row.id),
  userId: row.user_id as string,
  text: row.text as string,
  createdAt: (row.created_at as Date).toISOString(),
})
