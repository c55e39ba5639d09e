import type { Pool } from '@wired/db'
import { GroupCommit, type PendingItem } from '@wired/runtime'

export interface AcceptedMessage {
  messageId: string
  sentAt: Date
  hasMedia: boolean
}

/** Messages per minute (schema wa_analytics). */
export class MessageCounts {
  /**
   * One fetch brings a batch per partition and the consumer hands them over a few at a time;
   * batches that arrive while a statement runs are counted together by the next one.
   */
  private readonly counts = new GroupCommit<AcceptedMessage[], number>((batch) => this.countTogether(batch), {
    maxBatch: 64,
    maxWeight: { limit: 5_000, weigh: (messages) => messages.length },
  })

  constructor(private readonly pool: Pool) {}

  /** Counts each message once, however often Kafka delivers it. Returns how many were new. */
  count(messages: AcceptedMessage[]): Promise<number> {
    return messages.length === 0 ? Promise.resolve(0) : this.counts.submit(messages)
  }

  /**
   * The insert into counted_messages returns only the ids it had not seen, and only those move
   * the counters. One statement, so the two tables cannot disagree, and one round trip and one
   * commit for the lot instead of one per message.
   */
  private async countTogether(batch: PendingItem<AcceptedMessage[], number>[]): Promise<void> {
    // The same message twice (a resend published it again) must count once.
    const unique = [...new Map(batch.flatMap((pending) => pending.item).map((m) => [m.messageId, m])).values()]
    const { rows } = await this.pool.query<{ message_id: string }>(
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
       SELECT message_id::text FROM fresh`,
      [unique.map((m) => m.messageId), unique.map((m) => m.sentAt), unique.map((m) => (m.hasMedia ? 1 : 0))],
    )
    // Each caller learns how many of its own messages were new (a message counts for one caller).
    const fresh = new Set(rows.map((row) => row.message_id))
    for (const pending of batch) {
      let mine = 0
      for (const { messageId } of pending.item) if (fresh.delete(messageId)) mine++
      pending.resolve(mine)
    }
  }
}
