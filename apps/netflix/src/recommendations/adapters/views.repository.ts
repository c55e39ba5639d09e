import type { Pool } from '@wired/db'

/** The co-view graph in PostgreSQL: one row per (video, viewer), read with one self-join. */
export class ViewsRepository {
  constructor(private readonly pool: Pool) {}

  async record(viewerId: string, videoId: string): Promise<void> {
    await this.pool.query('INSERT INTO views (viewer_id, video_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      viewerId,
      videoId,
    ])
  }

  /** Videos watched by people who watched `videoId`, most shared viewers first. */
  async coViewed(videoId: string, limit: number): Promise<{ videoId: string; coViews: number }[]> {
    const { rows } = await this.pool.query<{ video_id: string; co_views: string }>(
      `SELECT other.video_id, count(*) AS co_views
         FROM views mine JOIN views other ON other.viewer_id = mine.viewer_id AND other.video_id <> mine.video_id
        WHERE mine.video_id = $1
        GROUP BY other.video_id
        ORDER BY co_views DESC, other.video_id
        LIMIT $2`,
      [videoId, limit],
    )
    return rows.map((row) => ({ videoId: row.video_id, coViews: Number(row.co_views) }))
  }
}
