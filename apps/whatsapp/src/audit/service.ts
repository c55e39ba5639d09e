import type { ServiceDeps } from '@wired/kit'
import { createRecordingService } from '../shared/recording-service'
import { AuditLog } from './adapters/audit-log'
import type { AuditConfig } from './config'
import { consumeAuditTrail } from './entrypoints/audit-trail.consumer'

/** Audit: a Kafka consumer appending every record of both topics to an append-only table. */
export function createService(config: AuditConfig, deps: ServiceDeps = {}) {
  return createRecordingService(config, deps, {
    clientId: 'whatsapp-audit',
    migrations: new URL('./migrations', import.meta.url).pathname,
    consume: (eventLog, pool, topics, groups) =>
      consumeAuditTrail(eventLog, [topics.messages, topics.receipts], groups.audit, new AuditLog(pool)),
  })
}
