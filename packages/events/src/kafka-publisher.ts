import { AppError } from '@wired/runtime'
import type { Message, Producer, TopicMessages } from 'kafkajs'
import type { OutgoingRecord } from './event-log'

interface PendingPublish {
  topic: string
  messages: Message[]
  bytes: number
  resolve: () => void
  reject: (error: unknown) => void
}

// Kept well under the broker's message.max.bytes (1 MiB by default), which bounds one partition's batch.
const MAX_BATCH_BYTES = 512 * 1024

/**
 * Many concurrent `publish` calls, few produce requests. While one `sendBatch` is in flight, new
 * records queue up and leave together in the next one (group commit): under load a request
 * carries many records, at rest a record waits for no timer. It also keeps one request in flight
 * at a time, which the idempotent producer needs to keep its sequence numbers in order.
 */
export class CoalescingPublisher {
  private queue: PendingPublish[] = []
  private flushing: Promise<void> | undefined

  constructor(private readonly producer: Producer) {}

  publish(topic: string, records: OutgoingRecord[]): Promise<void> {
    const messages = records.map(({ key, value, headers }) => ({
      key,
      value: Buffer.from(value.buffer, value.byteOffset, value.byteLength),
      headers,
    }))
    const bytes = records.reduce((sum, { value }) => sum + value.byteLength, 0)
    return new Promise((resolve, reject) => {
      this.queue.push({ topic, messages, bytes, resolve, reject })
      // setImmediate, not a microtask: calls made in the same tick of the event loop share a request.
      this.flushing ??= new Promise<void>((done) => setImmediate(done)).then(() => this.flush())
    })
  }

  /** Resolves once everything queued so far has been sent (or has failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.takeBatch()
      try {
        await this.send(batch)
        for (const pending of batch) pending.resolve()
      } catch (error) {
        if (batch.length === 1) batch[0]!.reject(toPublishError(error))
        // One bad call (an unknown topic, an oversized record) must not fail its neighbours: send
        // each on its own. A partition already written is written twice, which at-least-once allows.
        else await Promise.all(batch.map((pending) => this.sendAlone(pending)))
      }
    }
    this.flushing = undefined
  }

  private takeBatch(): PendingPublish[] {
    let bytes = 0
    let count = 0
    while (count < this.queue.length && (count === 0 || bytes + this.queue[count]!.bytes <= MAX_BATCH_BYTES)) {
      bytes += this.queue[count]!.bytes
      count++
    }
    return this.queue.splice(0, count)
  }

  private async sendAlone(pending: PendingPublish): Promise<void> {
    try {
      await this.send([pending])
      pending.resolve()
    } catch (error) {
      pending.reject(toPublishError(error))
    }
  }

  private async send(batch: PendingPublish[]): Promise<void> {
    const byTopic = new Map<string, Message[]>()
    for (const { topic, messages } of batch) {
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
