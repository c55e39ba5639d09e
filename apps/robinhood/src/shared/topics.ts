/**
 * The scenario's Kafka contract: topic names, consumer groups and the protobuf type of every
 * record value (its `event-type` header names it). Both topics are keyed by account id, so
 * one account's orders, cancels and executions stay in order on one partition.
 *
 *   robinhood.orders      order service (outbox) → trade engine, compliance
 *   robinhood.executions  trade engine (outbox)  → portfolio, order service, notifications, compliance
 */
import { defaultDeadLetterTopic, type EventLog, eventType, type IncomingRecord } from '@wired/events'
import { CancelRequested, OrderCancelled, OrderFilled, OrderPlaced } from '@wired/proto/robinhood/v1/events'

/** `prefix` is empty in a deployment; tests sharing one broker pass a run id. */
export function robinhoodTopics(prefix = '') {
  return {
    orders: `${prefix}robinhood.orders`,
    executions: `${prefix}robinhood.executions`,
  }
}

export type RobinhoodTopics = ReturnType<typeof robinhoodTopics>

/** One group per purpose: each group reads every record; members of a group share partitions. */
export function consumerGroups(prefix = '') {
  return {
    engine: `${prefix}robinhood-engine`,
    portfolio: `${prefix}robinhood-portfolio`,
    orderStates: `${prefix}robinhood-order-states`,
    notifications: `${prefix}robinhood-notifications`,
    compliance: `${prefix}robinhood-compliance`,
  }
}

export const PARTITIONS = 6

export const OrderPlacedEvent = eventType('wired.robinhood.v1.OrderPlaced', OrderPlaced)
export const CancelRequestedEvent = eventType('wired.robinhood.v1.CancelRequested', CancelRequested)
export const OrderFilledEvent = eventType('wired.robinhood.v1.OrderFilled', OrderFilled)
export const OrderCancelledEvent = eventType('wired.robinhood.v1.OrderCancelled', OrderCancelled)

/** The type header of a record, for consumers of a topic that carries two message types. */
export const typeOf = (record: Pick<IncomingRecord, 'headers'>): string | undefined => record.headers['event-type']

/** Every service that touches a topic creates both (and their dead-letter topics) at start. */
export async function ensureTopics(eventLog: EventLog, topics: RobinhoodTopics): Promise<void> {
  await eventLog.createTopics(
    Object.values(topics).flatMap((topic) => [
      { topic, partitions: PARTITIONS },
      { topic: defaultDeadLetterTopic(topic), partitions: 1 },
    ]),
  )
}
