import { unary } from '@wired/grpc'
import {
  type ItemError,
  type MessageServiceServer,
  ReceiptKind,
  type ReceiptOutcome,
  type SendOutcome,
} from '@wired/proto/whatsapp/v1/message'
import { AppError, isAppError, type Logger } from '@wired/runtime'
import { MAX_BATCH_ITEMS, toItemError } from '../../shared/rpc-batches'
import type { Messaging } from '../use-cases/messaging'

const RECEIPT_KINDS = { [ReceiptKind.DELIVERED]: 'delivered', [ReceiptKind.READ]: 'read' } as const

/**
 * MessageService over gRPC. unary() turns a thrown AppError into the matching status of the
 * whole call; inside a batch, each item's AppError becomes that item's ItemError instead.
 * Every item of a batch starts at once: the SendBatcher and ReceiptBatcher behind the use
 * cases gather them into a couple of statements, and sends are stored in request order.
 */
export function messageGrpcHandlers(messaging: Messaging, logger: Logger): MessageServiceServer {
  /** An item's error for its outcome; a fault that is not an AppError is a bug worth a log line. */
  function itemError(error: unknown): ItemError {
    if (!isAppError(error)) logger.error({ err: error }, 'batch item failed')
    return toItemError(error)
  }

  /** An item's result or its error, never a rejection: one bad item must not fail the call. */
  async function settle<T>(work: () => Promise<T>): Promise<{ value: T } | { error: ItemError }> {
    try {
      return { value: await work() }
    } catch (error) {
      return { error: itemError(error) }
    }
  }

  return {
    sendMessages: unary(async ({ sends }) => {
      checkBatchSize(sends.length)
      const results = await messaging.sendMessages(
        sends.map(({ senderId, conversationId, clientMessageId, text, media }) => ({
          senderId,
          conversationId,
          clientMessageId,
          text,
          media,
        })),
      )
      const outcomes: SendOutcome[] = results.map((result) => ({
        outcome:
          result.status === 'fulfilled'
            ? { $case: 'sent', value: result.value }
            : { $case: 'error', value: itemError(result.reason) },
      }))
      return { outcomes }
    }),
    markReceipts: unary(async ({ receipts }) => {
      checkBatchSize(receipts.length)
      const results = await Promise.all(
        receipts.map(({ kind, userId, conversationId, upToSeq }) =>
          settle(async () => {
            const name = RECEIPT_KINDS[kind as keyof typeof RECEIPT_KINDS]
            if (!name) throw new AppError('INVALID_ARGUMENT', 'kind must be DELIVERED or READ', { field: 'kind' })
            return messaging.markReceipt(name, userId, conversationId, upToSeq)
          }),
        ),
      )
      const outcomes: ReceiptOutcome[] = results.map((result) => ({
        outcome:
          'value' in result ? { $case: 'receipt', value: result.value } : { $case: 'error', value: result.error },
      }))
      return { outcomes }
    }),
    history: unary(({ userId, conversationId, beforeSeq, limit }) =>
      messaging.history(userId, conversationId, beforeSeq, limit),
    ),
    syncSince: unary(({ userId, seen, limit }) => messaging.syncSince(userId, seen, limit)),
  }
}

function checkBatchSize(items: number): void {
  if (items > MAX_BATCH_ITEMS)
    throw new AppError('INVALID_ARGUMENT', `a batch carries at most ${MAX_BATCH_ITEMS} items, not ${items}`)
}
