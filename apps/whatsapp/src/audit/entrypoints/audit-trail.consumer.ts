import { EVENT_TYPE_HEADER, type EventLog, type IncomingRecord } from '@wired/events'
import { MessageAccepted, ReceiptUpdated } from '@wired/proto/whatsapp/v1/events'
import { MessageAcceptedEvent, ReceiptUpdatedEvent } from '../../shared/topics'
import type { AuditEntry, AuditLog } from '../adapters/audit-log'

const readable = {
  [MessageAcceptedEvent.typeName]: (bytes: Uint8Array) => MessageAccepted.toJSON(MessageAccepted.decode(bytes)),
  [ReceiptUpdatedEvent.typeName]: (bytes: Uint8Array) => ReceiptUpdated.toJSON(ReceiptUpdated.decode(bytes)),
}

/**
 * Kafka consumer: group `whatsapp-audit` on both topics, from the beginning. Unlike the other
 * consumers it never refuses a record: one it cannot read is logged as raw bytes, because an
 * audit trail with holes in it is worse than one with an unreadable line.
 */
export function consumeAuditTrail(eventLog: EventLog, topics: string[], groupId: string, log: AuditLog) {
  return eventLog.subscribe({
    groupId,
    topics,
    fromBeginning: true,
    // A batch at a time: one INSERT per fetched batch (see AuditLog.append).
    batchHandler: (records) => log.append(records.map(toAuditEntry)),
  })
}

function toAuditEntry(record: IncomingRecord): AuditEntry {
  const eventType = record.headers[EVENT_TYPE_HEADER] ?? 'unknown'
  let payload: unknown
  try {
    payload = readable[eventType]?.(record.value) ?? { undecoded: Buffer.from(record.value).toString('base64') }
  } catch {
    payload = { undecoded: Buffer.from(record.value).toString('base64') }
  }
  return { record, eventType, payload }
}
