import type pg from 'pg'

/**
 * Reads the analytics service's table (its schema, never written here): chat messages per minute.
 * A read across a service boundary, kept to one SELECT, like a reporting replica would serve it.
 */
export class AnalyticsReader {
  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  async perMinute(channel: string, minutes = 60): Promise<Array<{ minute: string; messages: number }>> {
    try {
      const { rows } = await this.pool.query<{ minute: Date; messages: string }>(
        `SELECT minute, messages FROM "${this.schema}".chat_messages_per_minute
         WHERE channel = $1 AND minute > now() - make_interval(mins => $2) ORDER BY minute`,
        [channel, minutes],
      )
      return rows.map((row) => ({ minute: row.minute.toISOString(), messages: Number(row.messages) }))
    } catch (error) {
      // Before the analytics service has created its table there is simply nothing to show.
      if ((error as { code?: string }).code === '42P01') return []
      throw error
    }
  }
}
