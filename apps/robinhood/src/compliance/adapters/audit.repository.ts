import type { Pool } from '@wired/db'
import type { IncomingRecord } from '@wired/events'
import type { AuditEntry } from '../domain/large-trade'

/** The audit log in PostgreSQL (schema rh_compliance): one multi-row INSERT per fetched batch. */
export class AuditRepository {
  constructor(private readonly pool: Pool) {}

  async record(entries: Array<{ record: IncomingRecord; entry: AuditEntry }>): Promise<void> {
    if (entries.length === 0) return
    await this.pool.query(
      `INSERT INTO audit_log (topic, partition, record_offset, event_type, order_id, account_id, large)
       SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bool[])
       ON CONFLICT DO NOTHING`,
      [
        entries.map(({ record }) => record.topic),
        entries.map(({ record }) => record.partition),
        entries.map(({ record }) => record.offset),
        entries.map(({ entry }) => entry.eventType),
        entries.map(({ entry }) => entry.orderId),
        entries.map(({ entry }) => entry.accountId),
        entries.map(({ entry }) => entry.large),
      ],
    )
  }
}
