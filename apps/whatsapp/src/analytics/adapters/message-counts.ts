import type { Pool } from '@wired/db'

/** Messages per minute (schema wa_analytics). */
export class MessageCounts {
  constructor(private readonly pool: Pool) {}

  /**
   * Counts a message once, however often Kafka delivers it: the insert into counted_messages
   * returns a row only the first time, and the counter moves only when it did. One statement,
   * so the two tables cannot disagree.
   */
  async count(messageId: string, sentAt: Date, hasMedia: boolean): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `WITH fresh AS (
         INSERT INTO counted_messages (message_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING message_id
       )
       INSERT INTO messages_per_minute AS c (minute, messages, media_messages)
       SELECT date_trunc('minute', $2::timestamptz), 1, $3::int FROM fresh
       ON CONFLICT (minute) DO UPDATE SET
         messages = c.messages + 1,
         media_messages = c.media_messages + EXCLUDED.media_messages`,
      [messageId, sentAt, hasMedia ? 1 : 0],
    )
    return rowCount === 1
  }
}
