import type { Pool } from '@wired/db'
import type { Post } from '@wired/proto/twitter/v1/posts'

interface PostRow {
  post_id: string
  author_id: string
  text: string
  created_at: Date
}

const COLUMNS = 'post_id, author_id, text, created_at'

export const toPost = (row: PostRow): Post => ({
  postId: String(row.post_id),
  authorId: String(row.author_id),
  text: row.text,
  createdAtMs: row.created_at.getTime(),
})

/** Posts in PostgreSQL (schema tw_posts), with the outbox flag. */
export class PostStore {
  constructor(private readonly pool: Pool) {}

  async create(authorId: string, text: string): Promise<Post> {
    const { rows } = await this.pool.query<PostRow>(
      `INSERT INTO posts (author_id, text) VALUES ($1, $2) RETURNING ${COLUMNS}`,
      [authorId, text],
    )
    return toPost(rows[0]!)
  }

  async byIds(postIds: readonly string[]): Promise<Post[]> {
    const { rows } = await this.pool.query<PostRow>(`SELECT ${COLUMNS} FROM posts WHERE post_id = ANY($1::bigint[])`, [
      postIds,
    ])
    return rows.map(toPost)
  }

  /** The newest posts of these authors below `beforeId`, newest first (one index range each). */
  async recentByAuthors(authorIds: readonly string[], beforeId: string, limit: number): Promise<Post[]> {
    const { rows } = await this.pool.query<PostRow>(
      `SELECT ${COLUMNS} FROM posts WHERE author_id = ANY($1::bigint[]) AND post_id < $2
       ORDER BY post_id DESC LIMIT $3`,
      [authorIds, beforeId, limit],
    )
    return rows.map(toPost)
  }

  async markPublished(postIds: readonly string[]): Promise<void> {
    await this.pool.query('UPDATE posts SET published = true WHERE post_id = ANY($1::bigint[])', [postIds])
  }

  /** Posts whose record Kafka has not acknowledged, older than `olderThanMs` (the fresh ones are in flight). */
  async unpublished(olderThanMs: number, limit: number): Promise<Post[]> {
    const { rows } = await this.pool.query<PostRow>(
      `SELECT ${COLUMNS} FROM posts WHERE NOT published AND created_at < now() - make_interval(secs => $1)
       ORDER BY post_id LIMIT $2`,
      [olderThanMs / 1000, limit],
    )
    return rows.map(toPost)
  }
}
