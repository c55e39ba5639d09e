import { decodeEvent, type EventLog, type Subscription } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { fromOperationApplied } from '../../shared/op-record'
import { OperationAppliedEvent } from '../../shared/topics'
import type { HistoryStore } from '../adapters/history-store'

/**
 * googledocs.ops → the PostgreSQL op log and snapshots (group googledocs-history). At-least-once:
 * the offset is committed after the row is written, and a redelivered record changes nothing.
 * From the beginning: a new history database rebuilds itself from the whole topic.
 */
export function consumeOps(
  eventLog: EventLog,
  options: { topic: string; groupId: string; history: HistoryStore; logger: Logger },
): Promise<Subscription> {
  return eventLog.subscribe({
    groupId: options.groupId,
    topics: [options.topic],
    fromBeginning: true,
    handler: async (record) => {
      const op = fromOperationApplied(decodeEvent(OperationAppliedEvent, record))
      if (op.docId !== record.key) throw new Error(`record keyed ${record.key} carries document ${op.docId}`)
      if ((await options.history.record(op)) === 'stale')
        options.logger.warn(
          { docId: op.docId, revision: op.revision, fence: op.fence },
          'dropped an op of a deposed authority',
        )
    },
  })
}
