import type { Pool } from '@wired/db'
import type { IncomingRecord } from '@wired/events'

/** The append-only audit table (schema wa_audit); a trigger refuses UPDATE and DELETE. */
export class AuditLog {
  constructor(private readonly pool: Pool) {}

  /** The record's place in Kafka is its primary key, so a redelivery is a no-op. */
  async append(record: IncomingRecord, eventType: string, payload: unknown): Promise<void> {
    await this.pool.query(
      `INSERT INTO audit_log (topic, kafka_partition, kafka_offset, event_type, record_key, payload)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [record.topic, record.partition, record.offset, eventType, record.key, JSON.stringify(payload)],
    )
  }
}
