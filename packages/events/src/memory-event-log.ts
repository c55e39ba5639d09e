import { AppError, type Logger, silentLogger } from '@wired/runtime'
import {
  defaultDeadLetterTopic,
  type EventLog,
  type OutgoingRecord,
  type SubscribeOptions,
  type Subscription,
  type TopicSpec,
} from './event-log'
import { GroupMember, MemoryConsumerGroup, PartitionLog, type Topics } from './memory-consumer-group'
import { partitionForKey } from './partitioner'
import { checkRecords, checkSubscribeOptions, checkTopicSpecs } from './validation'

export interface MemoryEventLogOptions {
  /** Partitions of a topic created without a count. Default 3. */
  defaultPartitions?: number
  logger?: Logger
}

/**
 * The in-process twin of the Kafka event log, for the embedded mode and for reading: what a broker
 * and a consumer group do for you, in two small files. It passes the same contract suite as the
 * kafkajs adapter; nothing survives the process, which is the one thing Kafka is for.
 */
export class MemoryEventLog implements EventLog {
  private readonly topics: Topics = new Map()
  private readonly groups = new Map<string, MemoryConsumerGroup>()
  private readonly subscriptions = new Set<Subscription>()
  private readonly defaultPartitions: number
  private readonly logger: Logger
  private closed = false

  constructor(options: MemoryEventLogOptions = {}) {
    this.defaultPartitions = options.defaultPartitions ?? 3
    this.logger = options.logger ?? silentLogger
    checkTopicSpecs([{ topic: 'default', partitions: this.defaultPartitions }])
  }

  async createTopics(specs: TopicSpec[]): Promise<void> {
    this.checkOpen()
    checkTopicSpecs(specs)
    for (const { topic, partitions = this.defaultPartitions } of specs) {
      if (this.topics.has(topic)) continue
      this.topics.set(
        topic,
        Array.from({ length: partitions }, () => new PartitionLog()),
      )
    }
  }

  async publish(topic: string, records: OutgoingRecord[]): Promise<void> {
    this.checkOpen()
    checkRecords(topic, records)
    const partitions = this.partitionsOf(topic)
    const timestamp = Date.now()
    for (const { key, value, headers } of records) {
      // Copies, because a broker keeps the bytes it was sent, whatever the caller does next.
      const stored = { key, value: value.slice(), headers: { ...headers }, timestamp }
      partitions[partitionForKey(key, partitions.length)]!.append(stored)
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.checkOpen()
    checkSubscribeOptions(options)
    for (const topic of options.topics) this.partitionsOf(topic)
    const deadLetterTopic = options.deadLetterTopic ?? defaultDeadLetterTopic
    await this.createTopics(options.topics.map((topic) => ({ topic: deadLetterTopic(topic), partitions: 1 })))

    let group = this.groups.get(options.groupId)
    if (!group) {
      group = new MemoryConsumerGroup(this.topics)
      this.groups.set(options.groupId, group)
    }
    const member = new GroupMember(group, options, (topic, records) => this.publish(topic, records), this.logger)
    await group.join(member)

    let stopping: Promise<void> | undefined
    const subscription = {
      stop: () => {
        stopping ??= group.leave(member).finally(() => this.subscriptions.delete(subscription))
        return stopping
      },
    }
    this.subscriptions.add(subscription)
    return subscription
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()))
    this.closed = true
  }

  private partitionsOf(topic: string): PartitionLog[] {
    const partitions = this.topics.get(topic)
    if (!partitions) throw new AppError('NOT_FOUND', `topic ${topic} does not exist; create it with createTopics`)
    return partitions
  }

  private checkOpen(): void {
    if (this.closed) throw new AppError('FAILED_PRECONDITION', 'event log is closed')
  }
}
