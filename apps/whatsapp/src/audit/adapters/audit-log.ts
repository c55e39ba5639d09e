import type { Pool } from '@wired/db'
import type { IncomingRecord } from '@wired/events'

export interface AuditEntry {
  record: IncomingRecord
  eventType: string
  payload: unknown
}

/** The append-only audit table (schema wa_audit); a trigger refuses UPDATE and DELETE. */
export class AuditLog {
  constructor(private readonly pool: Pool) {}

  /**
   * Appends a whole fetched batch in one statement: one round trip and one commit for hundreds of
   * rows instead of one each, which is most of what a row costs. unnest turns the column arrays
   * back into rows. The record's place in Kafka is its primary key, so a redelivery is a no-op.
   */
  async append(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return
    await this.pool.query(
      `INSERT INTO audit_log (topic, kafka_partition, kafka_offset, event_type, record_key, payload)
       SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[])
       ON CONFLICT DO NOTHING`,
      [
        entries.map(({ record }) => record.topic),
        entries.map(({ record }) => record.partition),
        entries.map(({ record }) => record.offset),
        entries.map(({ eventType }) => eventType),
        entries.map(({ record }) => record.key),
        entries.map(({ payload }) => JSON.stringify(payload)),
      ],
    )
  }
}
