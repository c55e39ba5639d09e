/**
 * The port both adapters implement: `createKafkaEventLog` (kafkajs against a real broker) and
 * `MemoryEventLog` (an in-process twin). The vocabulary is Kafka's on purpose, so scenario code
 * keeps topics, keys, partitions and consumer groups visible at the call site.
 */

export interface OutgoingRecord {
  /** Decides the partition (murmur2 of the key, as Kafka's default partitioner). Same key, same order. */
  key: string
  value: Uint8Array
  headers?: Record<string, string>
}

export interface IncomingRecord {
  topic: string
  partition: number
  /** Kafka offsets are 64-bit; kept as a decimal string like kafkajs does. */
  offset: string
  key: string
  value: Uint8Array
  headers: Record<string, string>
  /** Milliseconds since the epoch, set when the record was appended. */
  timestamp: number
}

export type RecordHandler = (record: IncomingRecord) => Promise<void>

/**
 * Handles several records of one partition at once, in offset order. Why: a consumer that writes
 * each record with its own statement pays a database round trip and a commit per record; with
 * the whole fetched batch it pays them once (one multi-row INSERT), which is most of its cost.
 */
export type BatchHandler = (records: IncomingRecord[]) => Promise<void>

/** The most records one batchHandler call gets (keeps a multi-row statement well under its limits). */
export const MAX_HANDLER_BATCH = 500

interface CommonSubscribeOptions {
  /** Members of one group share the partitions; every group gets every record. */
  groupId: string
  topics: string[]
  /** Where a group with no committed offset starts: the oldest record, or (default) the log end. */
  fromBeginning?: boolean
  /** Retries after the first failed attempt before dead-lettering. Default 3. */
  maxRetries?: number
  /** First retry delay in ms, doubled per retry. Default 50. */
  retryBackoffMs?: number
  /** Where poison records go. Default `${topic}.dlq`; created by subscribe. */
  deadLetterTopic?: (topic: string) => string
}

/** Give either a handler (one record at a time) or a batchHandler (a fetched batch at a time). */
export type SubscribeOptions = CommonSubscribeOptions &
  (
    | {
        /** Resolving = handled: only then is the offset committed (at-least-once, so be idempotent). */
        handler: RecordHandler
        batchHandler?: never
      }
    | {
        /**
         * Resolving = every record handled, and the offsets are committed after the last one. If it
         * throws, the batch is handled again one record at a time (with retries and dead-lettering),
         * so one poison record cannot hold back the others: handlers must be idempotent.
         */
        batchHandler: BatchHandler
        handler?: never
      }
  )

export interface Subscription {
  /**
   * Leaves the group. The in-flight handler may finish (and is committed if it succeeded);
   * nothing else is handled, so uncommitted records go to whoever owns the partition next.
   */
  stop(): Promise<void>
}

export interface TopicSpec {
  topic: string
  /** Default: the log's default partition count. Existing topics are left as they are. */
  partitions?: number
}

export interface EventLog {
  createTopics(topics: TopicSpec[]): Promise<void>
  /** Resolves once every record is durably appended (acks=all on Kafka). */
  publish(topic: string, records: OutgoingRecord[]): Promise<void>
  /** Resolves once this member has joined its group and knows where to start reading. */
  subscribe(options: SubscribeOptions): Promise<Subscription>
  close(): Promise<void>
}

export const defaultDeadLetterTopic = (topic: string): string => `${topic}.dlq`
