import type pg from 'pg'

export interface PostedMessage {
  messageId: string
  channel: string
  at: Date
}

/** Messages per channel per minute, each message counted once however often Kafka delivers it. */
export class ChatMinutesRepository {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * One statement per batch: the insert into counted_chat_messages returns only ids it had not
   * seen, and only those move the counters, so the two tables cannot disagree.
   */
  async count(messages: PostedMessage[]): Promise<number> {
    const unique = [...new Map(messages.map((m) => [m.messageId, m])).values()]
    if (unique.length === 0) return 0
    const { rows } = await this.pool.query<{ message_id: string }>(
      `WITH batch AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS b (message_id, channel, at)
       ), fresh AS (
         INSERT INTO counted_chat_messages (message_id) SELECT message_id FROM batch
         ON CONFLICT DO NOTHING RETURNING message_id
       ), counted AS (
         INSERT INTO chat_messages_per_minute AS c (channel, minute, messages)
         SELECT b.channel, date_trunc('minute', b.at), count(*) FROM batch b JOIN fresh USING (message_id)
         GROUP BY 1, 2
         ON CONFLICT (channel, minute) DO UPDATE SET messages = c.messages + EXCLUDED.messages
       )
       SELECT message_id FROM fresh`,
      [unique.map((m) => m.messageId), unique.map((m) => m.channel), unique.map((m) => m.at)],
    )
    return rows.length
  }
}
