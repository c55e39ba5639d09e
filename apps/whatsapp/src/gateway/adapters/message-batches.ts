import {
  type ChatMessage,
  type ItemError,
  ReceiptKind,
  type ReceiptUpdate,
  type SendMessageRequest,
} from '@wired/proto/whatsapp/v1/message'
import { AppError, GroupCommit } from '@wired/runtime'
import type { MessageClient } from '../../shared/clients'
import { fromItemError, MAX_BATCH_ITEMS } from '../../shared/rpc-batches'

// Calls in flight at once per kind: enough to keep the message service busy while a batch
// travels, few enough that under load items pile into big batches instead of many small ones.
const CALLS_IN_FLIGHT = 4

/**
 * The gateway's road to the message service. Every socket's send (and receipt) joins whatever
 * the other sockets of this gateway sent in the same moment, and the lot goes as one
 * SendMessages (or MarkReceipts) call. Order is still kept per socket: a socket's next frame is
 * handled only after its previous one was answered.
 */
export class MessageBatches {
  private readonly sends = new GroupCommit<SendMessageRequest, ChatMessage>(
    async (batch) => {
      const { outcomes } = await this.client.sendMessages({ sends: batch.map(({ item }) => item) })
      for (const [i, { resolve, reject }] of batch.entries()) {
        const outcome = outcomes[i]?.outcome
        if (outcome?.$case === 'sent' && outcome.value.message) resolve(outcome.value.message)
        else reject(refusal(outcome))
      }
    },
    { maxBatch: MAX_BATCH_ITEMS, concurrency: CALLS_IN_FLIGHT },
  )

  private readonly receipts = new GroupCommit<ReceiptUpdate, void>(
    async (batch) => {
      const { outcomes } = await this.client.markReceipts({ receipts: batch.map(({ item }) => item) })
      for (const [i, { resolve, reject }] of batch.entries()) {
        const outcome = outcomes[i]?.outcome
        if (outcome?.$case === 'receipt') resolve()
        else reject(refusal(outcome))
      }
    },
    { maxBatch: MAX_BATCH_ITEMS, concurrency: CALLS_IN_FLIGHT },
  )

  constructor(private readonly client: MessageClient) {}

  /** Resolves with the stored message (the ack) or rejects with the AppError that refused it. */
  send(request: SendMessageRequest): Promise<ChatMessage> {
    return this.sends.submit(request)
  }

  markReceipt(kind: 'delivered' | 'read', userId: string, conversationId: string, upToSeq: number): Promise<void> {
    return this.receipts.submit({
      kind: kind === 'delivered' ? ReceiptKind.DELIVERED : ReceiptKind.READ,
      userId,
      conversationId,
      upToSeq,
    })
  }
}

/** The AppError of a refused item; a missing outcome means the server broke the contract. */
function refusal(outcome: { $case: string; value: unknown } | undefined): AppError {
  if (outcome?.$case === 'error') return fromItemError(outcome.value as ItemError)
  return new AppError('INTERNAL', 'the message service answered without an outcome for this item')
}
