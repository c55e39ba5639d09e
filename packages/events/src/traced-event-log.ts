import { endHop, extractHeaders, Hops, injectHeaders, TAG, TRACEPARENT } from '@wired/wire'
import type { EventLog, IncomingRecord, OutgoingRecord, SubscribeOptions, Subscription, TopicSpec } from './event-log'
import { describeRecordValue } from './event-type'

/**
 * The wire view's Kafka hops, around any EventLog (kafkajs or the in-process twin): each
 * published record is a producer hop whose context travels in the record's `traceparent`
 * header, and each handled record a consumer hop that continues it, tagged with the topic,
 * partition, offset, key and consumer group. The kit wraps every service's log with it; the
 * service's code sees a plain EventLog.
 */
export class TracedEventLog implements EventLog {
  private readonly hops = new Hops()

  constructor(private readonly log: EventLog) {}

  createTopics(topics: TopicSpec[]): Promise<void> {
    return this.log.createTopics(topics)
  }

  publish(topic: string, records: OutgoingRecord[]): Promise<void> {
    if (!this.hops.on) return this.log.publish(topic, records)
    const spans = records.map((record) => {
      // An outbox row may carry the context of the request that wrote it: continue that one.
      const carried = record.headers?.[TRACEPARENT]
      return this.hops.start({
        kind: 'producer',
        protocol: 'kafka',
        name: topic,
        peer: 'kafka',
        bytes: record.value.byteLength,
        parent: carried ? extractHeaders({ [TRACEPARENT]: carried }) : undefined,
        payload: () => describeRecordValue({ value: record.value, headers: record.headers ?? {} }),
        attributes: { [TAG.topic]: topic, [TAG.key]: record.key },
        onlyInTrace: true,
      })
    })
    if (spans.every((span) => span === undefined)) return this.log.publish(topic, records)
    const traced = records.map((record, index) => {
      const span = spans[index]
      if (!span) return record
      const headers = { ...record.headers }
      this.hops.within(span, undefined, () => injectHeaders(headers))
      return { ...record, headers }
    })
    // The hop lasts until the broker acknowledged (acks=all): that wait is part of the story.
    return this.log.publish(topic, traced).then(
      () => {
        for (const span of spans) endHop(span)
      },
      (error: unknown) => {
        for (const span of spans) endHop(span, error)
        throw error
      },
    )
  }

  subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (!this.hops.on) return this.log.subscribe(options)
    const { groupId } = options
    if (options.handler) {
      const handler = options.handler
      return this.log.subscribe({
        ...options,
        handler: (record) => this.hops.around(this.consumed(record, groupId), () => handler(record)),
      })
    }
    const batchHandler = options.batchHandler
    return this.log.subscribe({
      ...options,
      batchHandler: async (records) => {
        // One hop per record. A batch of one runs inside its record's trace; a bigger batch runs
        // in none, since its writes serve several traces at once.
        if (records.length === 1)
          return this.hops.around(this.consumed(records[0]!, groupId), () => batchHandler(records))
        const spans = records.map((record) => this.hops.start(this.consumed(record, groupId)))
        try {
          await batchHandler(records)
          for (const span of spans) endHop(span)
        } catch (error) {
          for (const span of spans) endHop(span, error)
          throw error
        }
      },
    })
  }

  close(): Promise<void> {
    return this.log.close()
  }

  private consumed(record: IncomingRecord, groupId: string) {
    return {
      kind: 'consumer' as const,
      protocol: 'kafka' as const,
      name: record.topic,
      peer: 'kafka',
      bytes: record.value.byteLength,
      parent: extractHeaders(record.headers),
      // A record published outside any trace (a timer, an untraced client) starts none here.
      onlyInTrace: true,
      payload: () => describeRecordValue(record),
      attributes: {
        [TAG.topic]: record.topic,
        [TAG.partition]: record.partition,
        [TAG.offset]: record.offset,
        [TAG.key]: record.key,
        [TAG.consumerGroup]: groupId,
      },
    }
  }
}
