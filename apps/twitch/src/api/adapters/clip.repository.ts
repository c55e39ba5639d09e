import type pg from 'pg'

export interface Clip {
  clipId: string
  channel: string
  status: 'pending' | 'ready' | 'failed'
  path: string | null
  durationMs: number | null
  error: string | null
}

/** Clips: a row per request, finished by the ClipFinished consumer. */
export class ClipRepository {
  constructor(private readonly pool: pg.Pool) {}

  async create(clip: { clipId: string; channel: string; streamId: string; requestedBy: string }): Promise<void> {
    await this.pool.query('INSERT INTO clips (clip_id, channel, stream_id, requested_by) VALUES ($1, $2, $3, $4)', [
      clip.clipId,
      clip.channel,
      clip.streamId,
      clip.requestedBy,
    ])
  }

  /** Undoes a request whose job could not be published (so no clip stays pending forever). */
  async remove(clipId: string): Promise<void> {
    await this.pool.query("DELETE FROM clips WHERE clip_id = $1 AND status = 'pending'", [clipId])
  }

  /**
   * Idempotent: `ready` is final (a redelivered result changes nothing); `failed` is final unless
   * a later result says `ready` (a job run again after a failure, e.g. before the stream had video).
   */
  async finish(result: { clipId: string; status: string; path: string; durationMs: number; error: string }) {
    const ready = result.status === 'ready'
    await this.pool.query(
      `UPDATE clips SET status = $2, path = $3, duration_ms = $4, error = $5, finished_at = now()
       WHERE clip_id = $1 AND (status = 'pending' OR (status = 'failed' AND $2 = 'ready'))`,
      [
        result.clipId,
        ready ? 'ready' : 'failed',
        ready ? result.path : null,
        ready ? result.durationMs : null,
        ready ? null : result.error || 'failed',
      ],
    )
  }

  async find(clipId: string): Promise<Clip | undefined> {
    const { rows } = await this.pool.query<Clip>(
      `SELECT clip_id AS "clipId", channel, status, path, duration_ms AS "durationMs", error FROM clips WHERE clip_id = $1`,
      [clipId],
    )
    return rows[0]
  }
}
