import type { Pool } from '@wired/db'
import { rankOf, type Stage } from '../domain/stages'

export interface VideoRow {
  id: string
  ownerId: string
  title: string
  state: Stage
  reason: string
  durationSeconds: number
  renditions: string[]
  thumbnailKey: string | null
  views: number
  likes: number
  readyTransitions: number
  createdAt: string
}

const COLUMNS = `v.id, v.owner_id, v.title, v.state, v.reason, v.duration_seconds, v.renditions, v.thumbnail_key, v.views,
  v.ready_transitions, v.created_at, (SELECT count(*) FROM likes l WHERE l.video_id = v.id) AS likes`

const toVideo = (row: Record<string, unknown>): VideoRow => ({
  id: row.id as string,
  ownerId: row.owner_id as string,
  title: row.title as string,
  state: row.state as Stage,
  reason: row.reason as string,
  durationSeconds: Number(row.duration_seconds),
  renditions: row.renditions as string[],
  thumbnailKey: row.thumbnail_key as string | null,
  views: Number(row.views),
  likes: Number(row.likes),
  readyTransitions: Number(row.ready_transitions),
  createdAt: (row.created_at as Date).toISOString(),
})

/** Videos and their pipeline state (schema nf_catalog). */
export class VideoRepository {
  constructor(private readonly pool: Pool) {}

  async create(video: { id: string; ownerId: string; title: string; durationSeconds: number }): Promise<void> {
    await this.pool.query('INSERT INTO videos (id, owner_id, title, duration_seconds) VALUES ($1, $2, $3, $4)', [
      video.id,
      video.ownerId,
      video.title,
      video.durationSeconds,
    ])
  }

  async find(id: string): Promise<VideoRow | undefined> {
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM videos v WHERE v.id = $1`, [id])
    return rows[0] ? toVideo(rows[0]) : undefined
  }

  /** Newest first; `before` is the created_at cursor of the last page's last video. */
  async list(options: { ownerId?: string; readyOnly: boolean; limit: number }): Promise<VideoRow[]> {
    const { rows } = await this.pool.query(
      `SELECT ${COLUMNS} FROM videos v
        WHERE ($1::text IS NULL OR v.owner_id = $1) AND (NOT $2 OR v.state = 'ready')
        ORDER BY v.created_at DESC LIMIT $3`,
      [options.ownerId ?? null, options.readyOnly, options.limit],
    )
    return rows.map(toVideo)
  }

  /** Moves a video forward to `stage` (never back); counts each arrival at ready. */
  async advance(
    id: string,
    stage: Stage,
    fields: { renditions?: string[]; thumbnailKey?: string; reason?: string } = {},
  ) {
    await this.pool.query(
      `UPDATE videos SET state = $2, stage_rank = $3,
              renditions = coalesce($4, renditions), thumbnail_key = coalesce($5, thumbnail_key),
              reason = coalesce($6, reason),
              ready_transitions = ready_transitions + (CASE WHEN $2 = 'ready' THEN 1 ELSE 0 END)
        WHERE id = $1 AND stage_rank < $3`,
      [id, stage, rankOf(stage), fields.renditions ?? null, fields.thumbnailKey ?? null, fields.reason ?? null],
    )
  }

  async countView(id: string): Promise<void> {
    await this.pool.query('UPDATE videos SET views = views + 1 WHERE id = $1', [id])
  }
}
