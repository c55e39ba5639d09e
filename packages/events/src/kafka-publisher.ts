import { AppError, GroupCommit, type PendingItem } from '@wired/runtime'
import type { Message, Producer, TopicMessages } from 'kafkajs'
import type { OutgoingRecord } from './event-log'

interface Publish {
  topic: string
  messages: Message[]
  bytes: number
}

// Kept well under the broker's message.max.bytes (1 MiB by default), which bounds one partition's batch.
const MAX_BATCH_BYTES = 512 * 1024
// A bound on the count too; in practice the byte budget is reached first.
const MAX_CALLS_PER_REQUEST = 10_000

/**
 * Many concurrent `publish` calls, few produce requests: group commit (GroupCommit from
 * @wired/runtime). While one `sendBatch` is in flight, new records queue up and leave together
 * in the next one: under load a request carries many records, at rest a record waits for no
 * timer. Batches go one at a time, which the idempotent producer needs to keep its sequence
 * numbers in order.
 */
export class CoalescingPublisher {
  private readonly group = new GroupCommit<Publish, void>((batch) => this.commit(batch), {
    maxBatch: MAX_CALLS_PER_REQUEST,
    maxWeight: { limit: MAX_BATCH_BYTES, weigh: (call) => call.bytes },
  })

  constructor(private readonly producer: Producer) {}

  publish(topic: string, records: OutgoingRecord[]): Promise<void> {
    const messages = records.map(({ key, value, headers }) => ({
      key,
      value: Buffer.from(value.buffer, value.byteOffset, value.byteLength),
      headers,
    }))
    const bytes = records.reduce((sum, { value }) => sum + value.byteLength, 0)
    return this.group.submit({ topic, messages, bytes })
  }

  /** Resolves once everything queued so far has been sent (or has failed). */
  drain(): Promise<void> {
    return this.group.drain()
  }

  private async commit(batch: PendingItem<Publish, void>[]): Promise<void> {
    try {
      await this.send(batch.map(({ item }) => item))
      for (const pending of batch) pending.resolve()
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(toPublishError(error))
      // One bad call (an unknown topic, an oversized record) must not fail its neighbours: send
      // each on its own. A partition already written is written twice, which at-least-once allows.
      else await Promise.all(batch.map((pending) => this.sendAlone(pending)))
    }
  }

  private async sendAlone(pending: PendingItem<Publish, void>): Promise<void> {
    try {
      await this.send([pending.item])
      pending.resolve()
    } catch (error) {
      pending.reject(toPublishError(error))
    }
  }

  private async send(calls: Publish[]): Promise<void> {
    const byTopic = new Map<string, Message[]>()
    for (const { topic, messages } of calls) {
      const forTopic = byTopic.get(topic)
      if (forTopic) forTopic.push(...messages)
      else byTopic.set(topic, [...messages])
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }))
    // acks -1: the leader answers only once every in-sync replica has the records.
    await this.producer.sendBatch({ topicMessages, acks: -1 })
  }
}

function toPublishError(error: unknown): AppError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  const type = (cause as { type?: string } | undefined)?.type
  const message = cause instanceof Error ? cause.message : String(cause)
  if (type === 'UNKNOWN_TOPIC_OR_PARTITION') return new AppError('NOT_FOUND', `publish failed: ${message}`)
  if (type === 'MESSAGE_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE', `publish failed: ${message}`)
  return new AppError('UNAVAILABLE', `publish to Kafka failed: ${message}`)
}
