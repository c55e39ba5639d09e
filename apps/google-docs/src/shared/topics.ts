/**
 * The scenario's Kafka contract. One topic, keyed by document id: all of a document's ops land in
 * one partition, so every consumer reads them in revision order.
 */
import { type EventLog, eventType } from '@wired/events'
import { OperationApplied } from '@wired/proto/googledocs/v1/events'

/** `prefix` is empty in a deployment; tests sharing one broker pass a run id. */
export function docsTopics(prefix = '') {
  return {
    /** Every applied op. Producer: the document's authority (a collab replica). Consumer: the api's history. */
    ops: `${prefix}googledocs.ops`,
  }
}

export function consumerGroups(prefix = '') {
  return {
    /** googledocs.ops → PostgreSQL op log + a snapshot every K ops (the api service). */
    history: `${prefix}googledocs-history`,
  }
}

export const PARTITIONS = 6

export const OperationAppliedEvent = eventType('wired.googledocs.v1.OperationApplied', OperationApplied)

export async function createDocsTopics(eventLog: EventLog, prefix = ''): Promise<void> {
  await eventLog.createTopics([{ topic: docsTopics(prefix).ops, partitions: PARTITIONS }])
}
