/**
 * The scenario's Kafka contract: topic names, consumer groups and the protobuf type of every
 * record value. Both topics are keyed by conversation id, so all records of a conversation land
 * in one partition and every consumer sees them in the order they were published.
 */
import { type ConsumerTuning, defaultDeadLetterTopic, type EventLog, eventType } from '@wired/events'
import { MessageAccepted, ReceiptUpdated } from '@wired/proto/whatsapp/v1/events'

/**
 * `prefix` is empty in a deployment. Tests and benchmarks that share one broker pass a run id,
 * so their topics and committed offsets never mix with another run's.
 */
export function whatsappTopics(prefix = '') {
  return {
    /** Every accepted message. Producer: message service. Consumers: delivery, analytics, audit. */
    messages: `${prefix}whatsapp.messages`,
    /** Every delivered/read watermark that moved. Producer: message service. Consumers: delivery, audit. */
    receipts: `${prefix}whatsapp.receipts`,
  }
}

export type WhatsappTopics = ReturnType<typeof whatsappTopics>

/** One group per purpose: each group reads every record, members of a group share partitions. */
export function consumerGroups(prefix = '') {
  return {
    /** whatsapp.messages → each member's Redis inbox channel (or a push). */
    delivery: `${prefix}whatsapp-delivery`,
    /** whatsapp.receipts → the other members' Redis inbox channels. */
    receiptDelivery: `${prefix}whatsapp-receipt-delivery`,
    analytics: `${prefix}whatsapp-analytics`,
    audit: `${prefix}whatsapp-audit`,
  }
}

export const PARTITIONS = 6

/**
 * For consumers that only record (analytics, audit): nobody waits on them, so each fetch asks the
 * broker to hold on until 64 KiB (about 200 messages) are ready or half a second passed. At a
 * few thousand messages a second that is a handful of fetches, statements and commits a second
 * instead of one per partition each time anything arrives, and the CPU goes to delivery.
 */
export const RECORDING_CONSUMER: ConsumerTuning = { minBytes: 64 * 1024, maxWaitTimeInMs: 500 }

export const MessageAcceptedEvent = eventType('wired.whatsapp.v1.MessageAccepted', MessageAccepted)
export const ReceiptUpdatedEvent = eventType('wired.whatsapp.v1.ReceiptUpdated', ReceiptUpdated)

/**
 * Creates both topics, and the dead-letter topics their consumers park poison records in, if
 * they are missing. Every service that touches a topic calls it at start, so services can
 * start in any order (createTopics copes with several services creating them at once).
 */
export async function ensureTopics(eventLog: EventLog, topics: WhatsappTopics): Promise<void> {
  await eventLog.createTopics([
    { topic: topics.messages, partitions: PARTITIONS },
    { topic: topics.receipts, partitions: PARTITIONS },
    { topic: defaultDeadLetterTopic(topics.messages), partitions: 1 },
    { topic: defaultDeadLetterTopic(topics.receipts), partitions: 1 },
  ])
}
