import type { Pool } from '@wired/db'

export interface AcceptedMessage {
  messageId: string
  sentAt: Date
  hasMedia: boolean
}

/** Messages per minute (schema wa_analytics). */
export class MessageCounts {
  constructor(private readonly pool: Pool) {}

  /**
   * Counts each message once, however often Kafka delivers it: the insert into counted_messages
   * returns only the ids it had not seen, and only those move the counters. One statement, so the
   * two tables cannot disagree, and one per fetched batch (one round trip and one commit for the
   * lot, instead of one per message). Returns how many messages were new.
   */
  async count(messages: AcceptedMessage[]): Promise<number> {
    // The same message twice in one batch (a resend published it again) must count once.
    const unique = [...new Map(messages.map((message) => [message.messageId, message])).values()]
    if (unique.length === 0) return 0
    const { rows } = await this.pool.query<{ fresh: string }>(
      `WITH batch AS (
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[]) AS b (message_id, sent_at, media)
       ), fresh AS (
         INSERT INTO counted_messages (message_id) SELECT message_id FROM batch
         ON CONFLICT DO NOTHING RETURNING message_id
       ), counted AS (
         -- One row per minute: ON CONFLICT DO UPDATE may touch each row only once per statement.
         INSERT INTO messages_per_minute AS c (minute, messages, media_messages)
         SELECT date_trunc('minute', b.sent_at), count(*), sum(b.media) FROM batch b JOIN fresh USING (message_id)
         GROUP BY 1
         ON CONFLICT (minute) DO UPDATE SET
           messages = c.messages + EXCLUDED.messages,
           media_messages = c.media_messages + EXCLUDED.media_messages
       )
       SELECT count(*)::text AS fresh FROM fresh`,
      [unique.map((m) => m.messageId), unique.map((m) => m.sentAt), unique.map((m) => (m.hasMedia ? 1 : 0))],
    )
    return Number(rows[0]?.fresh ?? 0)
  }
}
