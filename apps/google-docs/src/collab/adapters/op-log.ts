import { type EventLog, encodeEvent } from '@wired/events'
import type { AppliedOp } from '../../shared/editor-state'
import { toOperationApplied } from '../../shared/op-record'
import { OperationAppliedEvent } from '../../shared/topics'

/**
 * googledocs.ops, keyed by document id: one partition per document's history, in revision order.
 * publish() resolves only once every in-sync replica has the batch (acks -1): only then does the
 * authority acknowledge the ops, so an acknowledged op survives the loss of any one process.
 */
export class OpLog {
  constructor(
    private readonly log: EventLog,
    private readonly topic: string,
  ) {}

  append(docId: string, ops: AppliedOp[], fence: number): Promise<void> {
    const at = Date.now()
    return this.log.publish(
      this.topic,
      ops.map((op) => ({
        key: docId,
        ...encodeEvent(OperationAppliedEvent, toOperationApplied(docId, op, fence, at)),
      })),
    )
  }
}
