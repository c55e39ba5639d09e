import { AppError, type Logger, silentLogger } from '@wired/runtime'
import { type Admin, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs'
import { createTopicsWithLeaders } from './create-topics'
import {
  defaultDeadLetterTopic,
  type EventLog,
  type OutgoingRecord,
  type SubscribeOptions,
  type Subscription,
  type TopicSpec,
} from './event-log'
import { type ConsumerTuning, joinConsumerGroup } from './kafka-consumer'
import { CoalescingPublisher } from './kafka-publisher'
import { kafkajsLogMethod } from './kafkajs-log'
import { checkRecords, checkSubscribeOptions, checkTopicSpecs } from './validation'

export interface KafkaEventLogOptions {
  brokers: string[]
  clientId: string
  /** kafkajs logs through it (its INFO as debug); without one, kafkajs stays silent. */
  logger?: Logger
  /** Partitions of a topic created without a count. Default 3. */
  defaultPartitions?: number
  consumer?: ConsumerTuning
}

/** The EventLog on a real Kafka cluster through kafkajs; connects before resolving. */
export async function createKafkaEventLog(options: KafkaEventLogOptions): Promise<EventLog> {
  const logger = options.logger ?? silentLogger
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: options.logger ? logLevel.INFO : logLevel.NOTHING,
    logCreator:
      () =>
      ({ namespace, level, log }) => {
        const { message, ...extra } = log
        logger[kafkajsLogMethod(namespace, level, log as { error?: unknown })](
          { kafkajs: namespace, ...extra },
          message,
        )
      },
  })
  const producer = kafka.producer({
    // Idempotence: the broker drops a retried batch it already appended, so a retry after a
    // lost acknowledgement creates no duplicate in the log.
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // Named explicitly (the Java client's murmur2, as MemoryEventLog uses) rather than left to
    // the default, which also keeps kafkajs from printing its partitioner-change warning.
    createPartitioner: Partitioners.DefaultPartitioner,
  })
  const admin = kafka.admin()
  await Promise.all([producer.connect(), admin.connect()])
  return new KafkaEventLog(kafka, producer, admin, options, logger)
}

class KafkaEventLog implements EventLog {
  private readonly publisher: CoalescingPublisher
  private readonly subscriptions = new Set<Subscription>()
  /** Topics seen in cluster metadata; publishing elsewhere fails fast instead of retrying for seconds. */
  private readonly knownTopics = new Set<string>()
  private listingTopics: Promise<void> | undefined
  private closed = false

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly admin: Admin,
    private readonly options: KafkaEventLogOptions,
    private readonly logger: Logger,
  ) {
    this.publisher = new CoalescingPublisher(producer)
  }

  async createTopics(specs: TopicSpec[]): Promise<void> {
    this.checkOpen()
    checkTopicSpecs(specs)
    const topics = specs.map(({ topic, partitions }) => ({
      topic,
      numPartitions: partitions ?? this.options.defaultPartitions ?? 3,
      replicationFactor: 1, // one broker here; a production cluster wants 3 with min.insync.replicas=2
    }))
    await createTopicsWithLeaders(this.admin, topics)
    for (const { topic } of topics) this.knownTopics.add(topic)
  }

  async publish(topic: string, records: OutgoingRecord[]): Promise<void> {
    this.checkOpen()
    checkRecords(topic, records)
    await this.checkTopicsExist([topic])
    if (records.length > 0) await this.publisher.publish(topic, records)
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.checkOpen()
    checkSubscribeOptions(options)
    await this.checkTopicsExist(options.topics)
    const deadLetterTopic = options.deadLetterTopic ?? defaultDeadLetterTopic
    const missingDeadLetters = options.topics.map(deadLetterTopic).filter((topic) => !this.knownTopics.has(topic))
    if (missingDeadLetters.length > 0) {
      await this.createTopics(missingDeadLetters.map((topic) => ({ topic, partitions: 1 })))
    }

    const member = await joinConsumerGroup(options, {
      kafka: this.kafka,
      tuning: this.options.consumer ?? {},
      publish: (topic, records) => this.publisher.publish(topic, records),
      logger: this.logger,
    })
    const subscription = {
      stop: () => member.stop().finally(() => this.subscriptions.delete(subscription)),
    }
    this.subscriptions.add(subscription)
    return subscription
  }

  async close(): Promise<void> {
    if (this.closed) return
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()))
    this.closed = true
    await this.publisher.drain()
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()])
  }

  private async checkTopicsExist(topics: string[]): Promise<void> {
    if (topics.every((topic) => this.knownTopics.has(topic))) return
    // One metadata request shared by every concurrent caller asking about a topic not seen yet.
    this.listingTopics ??= this.admin
      .listTopics()
      .then((names) => {
        for (const name of names) this.knownTopics.add(name)
      })
      .finally(() => {
        this.listingTopics = undefined
      })
    await this.listingTopics
    const unknown = topics.filter((topic) => !this.knownTopics.has(topic))
    if (unknown.length > 0) {
      throw new AppError('NOT_FOUND', `topic ${unknown.join(', ')} does not exist; create it with createTopics`)
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new AppError('FAILED_PRECONDITION', 'event log is closed')
  }
}
