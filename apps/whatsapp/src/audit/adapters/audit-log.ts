import type { Pool } from '@wired/db'
import type { IncomingRecord } from '@wired/events'
import { GroupCommit, type PendingItem } from '@wired/runtime'

export interface AuditEntry {
  record: IncomingRecord
  eventType: string
  payload: unknown
}

/** The append-only audit table (schema wa_audit); a trigger refuses UPDATE and DELETE. */
export class AuditLog {
  /**
   * One fetch brings a batch per partition (12 here: two topics of six), and the consumer hands
   * them over a few at a time. Batches that arrive while an INSERT is running go together in the
   * next one, so a fetch costs two or three statements instead of twelve.
   */
  private readonly appends = new GroupCommit<AuditEntry[], void>((batch) => this.insert(batch), {
    maxBatch: 64,
    maxWeight: { limit: 5_000, weigh: (entries) => entries.length },
  })

  constructor(private readonly pool: Pool) {}

  /** Resolves once the entries are stored; a failure rejects every batch of the statement. */
  append(entries: AuditEntry[]): Promise<void> {
    return entries.length === 0 ? Promise.resolve() : this.appends.submit(entries)
  }

  /**
   * All the batches in one statement: one round trip and one commit for hundreds of rows
   * instead of one each, which is most of what a row costs. The rows travel as one JSON array
   * that jsonb_to_recordset turns back into rows: PostgreSQL parses it in one pass, where six
   * column arrays (one of them of JSON texts) cost an escaping pass per element on our side
   * and an array parse per column on its side. The record's place in Kafka is its primary key,
   * so a redelivery is a no-op.
   */
  private async insert(batch: PendingItem<AuditEntry[], void>[]): Promise<void> {
    const rows = batch.flatMap((pending) =>
      pending.item.map(({ record, eventType, payload }) => ({
        topic: record.topic,
        kafka_partition: record.partition,
        kafka_offset: record.offset,
        event_type: eventType,
        record_key: record.key,
        payload,
      })),
    )
    await this.pool.query(
      `INSERT INTO audit_log (topic, kafka_partition, kafka_offset, event_type, record_key, payload)
       SELECT topic, kafka_partition, kafka_offset, event_type, record_key, payload
       FROM jsonb_to_recordset($1::jsonb)
         AS r (topic text, kafka_partition int, kafka_offset bigint, event_type text, record_key text, payload jsonb)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    )
    for (const pending of batch) pending.resolve()
  }
}
