import type pg from 'pg'

export interface StreamRow {
  streamId: string
  channel: string
  startedAt: Date | null
  endedAt: Date | null
}

const COLUMNS = 'stream_id AS "streamId", channel, started_at AS "startedAt", ended_at AS "endedAt"'

/** Streams as announced on twitch.stream-events (written only by its consumer). */
export class StreamRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** Idempotent: a redelivered StreamStarted, or one arriving after its StreamEnded, changes nothing more. */
  async started(event: {
    streamId: string
    channel: string
    startedAtMs: number
    renditions: string[]
  }): Promise<void> {
    await this.pool.query(
      `INSERT INTO streams (stream_id, channel, started_at, renditions) VALUES ($1, $2, to_timestamp($3 / 1000.0), $4)
       ON CONFLICT (stream_id) DO UPDATE SET started_at = COALESCE(streams.started_at, EXCLUDED.started_at)`,
      [event.streamId, event.channel, event.startedAtMs, event.renditions],
    )
  }

  /** Idempotent: the first StreamEnded wins. */
  async ended(event: { streamId: string; channel: string; endedAtMs: number; reason: string }): Promise<void> {
    await this.pool.query(
      `INSERT INTO streams (stream_id, channel, ended_at, end_reason) VALUES ($1, $2, to_timestamp($3 / 1000.0), $4)
       ON CONFLICT (stream_id) DO UPDATE SET ended_at = COALESCE(streams.ended_at, EXCLUDED.ended_at),
         end_reason = COALESCE(streams.end_reason, EXCLUDED.end_reason)`,
      [event.streamId, event.channel, event.endedAtMs, event.reason],
    )
  }

  async live(limit = 100): Promise<StreamRow[]> {
    const { rows } = await this.pool.query<StreamRow>(
      `SELECT ${COLUMNS} FROM streams WHERE ended_at IS NULL AND started_at IS NOT NULL ORDER BY started_at DESC LIMIT $1`,
      [limit],
    )
    return rows
  }

  /** The channel's live stream, else its latest one (whose VOD plays). */
  async latest(channel: string): Promise<StreamRow | undefined> {
    const { rows } = await this.pool.query<StreamRow>(
      `SELECT ${COLUMNS} FROM streams WHERE channel = $1 AND started_at IS NOT NULL
       ORDER BY (ended_at IS NULL) DESC, started_at DESC LIMIT 1`,
      [channel],
    )
    return rows[0]
  }
}
