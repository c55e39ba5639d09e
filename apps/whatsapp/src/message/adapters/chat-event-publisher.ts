import { type EventLog, encodeEvent } from '@wired/events'
import type { ChatMessage, Receipt } from '@wired/proto/whatsapp/v1/message'
import { MessageAcceptedEvent, ReceiptUpdatedEvent, type WhatsappTopics } from '../../shared/topics'

/**
 * The message service's Kafka output. Both topics are keyed by conversation id: one partition
 * per conversation keeps its records in order for every consumer. publish() resolves only once
 * the broker has the record on all in-sync replicas (acks -1).
 */
export class ChatEventPublisher {
  constructor(
    private readonly log: EventLog,
    private readonly topics: WhatsappTopics,
  ) {}

  messageAccepted(message: ChatMessage, memberIds: string[]): Promise<void> {
    return this.log.publish(this.topics.messages, [
      { key: message.conversationId, ...encodeEvent(MessageAcceptedEvent, { message, memberIds }) },
    ])
  }

  receiptUpdated(receipt: Receipt, recipientIds: string[]): Promise<void> {
    return this.log.publish(this.topics.receipts, [
      { key: receipt.conversationId, ...encodeEvent(ReceiptUpdatedEvent, { receipt, recipientIds }) },
    ])
  }
}
