import { AppError, type Logger, silentLogger } from '@wired/runtime'
import { type Admin, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs'
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
        const method = level === logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'debug'
        logger[method]({ kafkajs: namespace, ...extra }, message)
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

// About 5 s in all: 50, 100, 200, 400, 800 ms, then a second at a time.
const CREATE_ATTEMPTS = 10

/**
 * kafkajs marks transient protocol errors (leader elections, metadata lag) as retriable. A
 * CreateTopics answer with one error per topic arrives as an aggregate: retriable when every
 * part is transient or says the topic already exists.
 */
function isRetriable(error: unknown): boolean {
  const { retriable, type, errors } = error as { retriable?: boolean; type?: string; errors?: unknown[] }
  if (Array.isArray(errors)) return errors.every(isRetriable)
  return retriable === true || type === 'TOPIC_ALREADY_EXISTS'
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
    // kafkajs's own wait for leaders is skipped: it gives up on "does not host this
    // topic-partition", which the broker answers for the first few milliseconds after creating
    // a topic, and it is not done at all when the topics already exist (another service, starting
    // at the same time, created them a moment ago). So: create (false = they exist), then poll
    // the metadata until every partition has a leader, trying again on transient errors.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.admin.createTopics({ topics, waitForLeaders: false })
        await this.waitForLeaders(topics.map(({ topic }) => topic))
        break
      } catch (error) {
        if (attempt >= CREATE_ATTEMPTS || !isRetriable(error)) throw error
        await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** (attempt - 1))))
      }
    }
    for (const { topic } of topics) this.knownTopics.add(topic)
  }

  private async waitForLeaders(topics: string[]): Promise<void> {
    const { topics: metadata } = await this.admin.fetchTopicMetadata({ topics })
    const leaderless = metadata.filter(({ partitions }) => partitions.some(({ leader }) => leader < 0))
    if (leaderless.length > 0) {
      throw Object.assign(new Error(`no leader yet for ${leaderless.map(({ name }) => name).join(', ')}`), {
        retriable: true,
      })
    }
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
