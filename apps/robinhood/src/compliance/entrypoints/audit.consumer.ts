import type { EventLog } from '@wired/events'
import type { AuditRepository } from '../adapters/audit.repository'
import { auditEntry } from './audit-entry'

/**
 * Kafka consumer on both topics, a batch at a time: compliance reads everything and needs none
 * of it fast, so it pays one INSERT per fetched batch instead of one per record.
 */
export function consumeForAudit(
  eventLog: EventLog,
  options: { topics: string[]; groupId: string },
  audit: AuditRepository,
) {
  return eventLog.subscribe({
    groupId: options.groupId,
    topics: options.topics,
    fromBeginning: true,
    batchHandler: async (records) => {
      const entries = records.flatMap((record) => {
        const entry = auditEntry(record)
        return entry ? [{ record, entry }] : []
      })
      await audit.record(entries)
    },
  })
}
