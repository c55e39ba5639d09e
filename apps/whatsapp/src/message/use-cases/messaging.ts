import type { ChatMessage, Receipt } from '@wired/proto/whatsapp/v1/message'
import { LRUCache } from 'lru-cache'
import type { ConversationDirectory } from '../../shared/conversation-directory'
import { requireUuid } from '../../shared/ids'
import type { ChatEventPublisher } from '../adapters/chat-event-publisher'
import type { MessageStore } from '../adapters/message-store'
import type { ReceiptBatcher } from '../adapters/receipt-batcher'
import { nextBeforeSeq, pageSize, syncPositions, syncSize } from '../domain/paging'
import { checkMembership, checkResend, checkSend, type SendCommand } from '../domain/send-rules'

export interface SendResult {
  message: ChatMessage
  duplicate: boolean
}

export interface MessagingDeps {
  store: MessageStore
  /** Stores sends; a SendBatcher in the service, which groups concurrent sends into one statement. */
  sends: Pick<MessageStore, 'insertOrFind'>
  /** Moves watermarks; a ReceiptBatcher, which groups concurrent receipts into two statements. */
  receipts: Pick<ReceiptBatcher, 'advance'>
  directory: ConversationDirectory
  publisher: ChatEventPublisher
  /** Media URLs the api's media service issues start with this (see checkSend). */
  mediaUrlPrefix: string
}

/** The message service's use cases, each a short story: check → act → persist → publish. */
/**
 * Messages this process has put on Kafka lately. A resend of one of them (a client whose ack
 * was lost, or late) is answered with the stored message and published no second time. After
 * a restart the set is empty, so a message stored just before a crash, whose publish may never
 * have happened, is published on its resend: crash safety keeps its republish, a busy client
 * does not multiply events.
 */
const RECENTLY_PUBLISHED = 100_000

export function createMessaging({ store, sends, receipts, directory, publisher, mediaUrlPrefix }: MessagingDeps) {
  const published = new LRUCache<string, true>({ max: RECENTLY_PUBLISHED })
  async function membersFor(conversationId: string, userId: string): Promise<string[]> {
    const memberIds = await directory.memberIds(conversationId)
    checkMembership(memberIds, userId)
    return memberIds
  }

  async function storeAndPublish({ command, memberIds }: { command: SendCommand; memberIds: string[] }) {
    const { message, duplicate } = await sends.insertOrFind(command)
    // The key matched a stored message: a resend if it names the same conversation, refused
    // otherwise (before the publish below, so a refused send reaches no one).
    if (duplicate) checkResend(message, command)
    // Published BEFORE we answer, so an acknowledged message is both in PostgreSQL and on
    // Kafka. If this process dies between the insert and the publish, the client gets no
    // ack and resends the same clientMessageId: insertOrFind then finds the stored row and
    // this line publishes it (this process has not published it: see RECENTLY_PUBLISHED).
    // Consumers are idempotent and clients drop seqs they have seen, should it be there twice.
    if (duplicate && published.has(message.messageId)) return { message, duplicate }
    await publisher.messageAccepted(message, memberIds)
    published.set(message.messageId, true)
    return { message, duplicate }
  }

  return {
    /**
     * The sends of one request, each settled on its own. Checks and member lookups run at the
     * same time (a lookup may go to the users service, and they finish in any order); the sends
     * that pass are then handed to the store in one synchronous loop, in request order, so the
     * SendBatcher queues them in that order and a conversation's seqs follow the request. A
     * sender flushing three queued messages in one batch sees them stored 1, 2, 3, never 2, 1, 3.
     */
    async sendMessages(requests: SendCommand[]): Promise<PromiseSettledResult<SendResult>[]> {
      const checked = await Promise.allSettled(
        requests.map(async (request) => {
          const command = checkSend(request, mediaUrlPrefix)
          return { command, memberIds: await membersFor(command.conversationId, command.senderId) }
        }),
      )
      return Promise.allSettled(
        checked.map((check) =>
          check.status === 'fulfilled' ? storeAndPublish(check.value) : Promise.reject(check.reason),
        ),
      )
    },

    async markReceipt(kind: 'delivered' | 'read', userId: string, conversationId: string, upToSeq: number) {
      const user = requireUuid(userId, 'userId')
      const conversation = requireUuid(conversationId, 'conversationId')
      const memberIds = await membersFor(conversation, user)
      // Watermarks only move forward (see domain/receipts.ts); a receipt that moves nothing is not news.
      const { receipt, moved } = await receipts.advance({ kind, conversationId: conversation, userId: user, upToSeq })
      if (!moved) return receipt
      // A crash right here loses only the live notice, not the receipt: it is stored, and the
      // sender's next sync (GET /v1/messages/missed) returns every member's watermarks.
      await publisher.receiptUpdated(
        receipt,
        memberIds.filter((id) => id !== user),
      )
      return receipt
    },

    async history(userId: string, conversationId: string, beforeSeq: number, limit: number) {
      const user = requireUuid(userId, 'userId')
      const conversation = requireUuid(conversationId, 'conversationId')
      await membersFor(conversation, user)
      const size = pageSize(limit)
      const messages = await store.history(conversation, beforeSeq, size)
      const receipts = await store.receiptsOf([conversation], user)
      return {
        messages,
        nextBeforeSeq: nextBeforeSeq(
          messages.map((m) => m.seq),
          size,
        ),
        receipts,
      }
    },

    /** What a reconnecting device missed, across all its conversations, plus their receipts. */
    async syncSince(userId: string, seen: Record<string, number>, limit: number) {
      const user = requireUuid(userId, 'userId')
      const conversationIds = await directory.conversationIdsOf(user)
      const size = syncSize(limit)
      const messages = await store.since(syncPositions(conversationIds, seen), size + 1)
      const receipts: Receipt[] = await store.receiptsOf(conversationIds, user)
      return { messages: messages.slice(0, size), hasMore: messages.length > size, receipts }
    },
  }
}

export type Messaging = ReturnType<typeof createMessaging>
