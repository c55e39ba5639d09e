import type { Receipt } from '@wired/proto/whatsapp/v1/message'
import { GroupCommit, type PendingItem } from '@wired/runtime'
import { advanceWatermarks, type Watermarks } from '../domain/receipts'
import { type MessageStore, receiptKey } from './message-store'

export interface ReceiptCommand {
  kind: 'delivered' | 'read'
  conversationId: string
  userId: string
  upToSeq: number
}

export interface ReceiptOutcome {
  /** The member's watermarks after this receipt (and any batched with it). */
  receipt: Receipt
  /** False when the receipt moved nothing: then nobody needs to hear of it. */
  moved: boolean
}

// Each receipt is a handful of array elements; this bounds one statement and one flush's latency.
const MAX_RECEIPTS_PER_BATCH = 500

/**
 * Group commit for receipts: every device acknowledges every message it gets, so receipts
 * arrive as fast as messages do. Instead of a read and a write per receipt, a batch costs two
 * statements in all: one reads the state of every (conversation, member) pair in the batch,
 * one writes every watermark that moved.
 *
 * In between, the batch is folded in arrival order through the same pure rule a single receipt
 * follows (advanceWatermarks), so batching changes the cost and never the outcome. A receipt the
 * rule refuses (a seq beyond the last message) fails alone; its neighbours are still saved.
 */
export class ReceiptBatcher {
  private readonly group = new GroupCommit<ReceiptCommand, ReceiptOutcome>((batch) => this.commit(batch), {
    maxBatch: MAX_RECEIPTS_PER_BATCH,
  })

  constructor(private readonly store: Pick<MessageStore, 'receiptStates' | 'saveReceipts'>) {}

  advance(command: ReceiptCommand): Promise<ReceiptOutcome> {
    return this.group.submit(command)
  }

  private async commit(batch: PendingItem<ReceiptCommand, ReceiptOutcome>[]): Promise<void> {
    const pairs = new Map(batch.map(({ item }) => [receiptKey(item.conversationId, item.userId), item]))
    const states = await this.store.receiptStates([...pairs.values()])

    const watermarks = new Map<string, Watermarks>()
    const settled: { pending: PendingItem<ReceiptCommand, ReceiptOutcome>; key: string; moved: boolean }[] = []
    for (const pending of batch) {
      const { kind, conversationId, userId, upToSeq } = pending.item
      const key = receiptKey(conversationId, userId)
      const state = states.get(key) ?? { lastSeq: 0, current: { deliveredSeq: 0, readSeq: 0 } }
      const current = watermarks.get(key) ?? state.current
      let next: Watermarks | undefined
      try {
        next = advanceWatermarks(current, kind, upToSeq, state.lastSeq)
      } catch (error) {
        pending.reject(error)
        continue
      }
      watermarks.set(key, next ?? current)
      settled.push({ pending, key, moved: next !== undefined })
    }

    const movedKeys = new Set(settled.filter(({ moved }) => moved).map(({ key }) => key))
    const saved =
      movedKeys.size === 0
        ? []
        : await this.store.saveReceipts(
            [...movedKeys].map((key) => ({ ...pairs.get(key)!, next: watermarks.get(key)! })),
          )
    const savedByKey = new Map(saved.map((receipt) => [receiptKey(receipt.conversationId, receipt.userId), receipt]))
    for (const { pending, key, moved } of settled) {
      const { conversationId, userId } = pending.item
      // Unchanged watermarks have no new row; updatedAtMs 0 says "not updated by this call".
      const receipt = savedByKey.get(key) ?? { conversationId, userId, ...watermarks.get(key)!, updatedAtMs: 0 }
      pending.resolve({ receipt, moved })
    }
  }
}
