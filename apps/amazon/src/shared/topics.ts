/**
 * The scenario's Kafka contract. amazon.orders is keyed by order id (no ordering is needed
 * between two orders; one order's records stay together). Three consumer groups each read
 * every record, for three jobs that must not wait on each other:
 *
 *   amazon.orders  order service (outbox) → fulfilment (pick list), shipping (carrier, tracking),
 *                                           notification (the customer's "order placed" notice)
 */
import { defaultDeadLetterTopic, type EventLog, eventType } from '@wired/events'
import { OrderPlaced } from '@wired/proto/amazon/v1/events'

/** `prefix` is empty in a deployment; tests sharing one broker pass a run id. */
export const amazonTopics = (prefix = '') => ({ orders: `${prefix}amazon.orders` })

export type AmazonTopics = ReturnType<typeof amazonTopics>

export const consumerGroups = (prefix = '') => ({
  fulfilment: `${prefix}amazon-fulfilment`,
  shipping: `${prefix}amazon-shipping`,
  notification: `${prefix}amazon-notification`,
})

export const PARTITIONS = 6

export const OrderPlacedEvent = eventType('wired.amazon.v1.OrderPlaced', OrderPlaced)

export async function ensureTopics(eventLog: EventLog, topics: AmazonTopics): Promise<void> {
  await eventLog.createTopics(
    Object.values(topics).flatMap((topic) => [
      { topic, partitions: PARTITIONS },
      { topic: defaultDeadLetterTopic(topic), partitions: 1 },
    ]),
  )
}
