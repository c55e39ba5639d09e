import { AppError, type Logger } from '@wired/runtime'
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs'
import { deliverBatch } from './delivery'
import {
  type IncomingRecord,
  MAX_HANDLER_BATCH,
  type OutgoingRecord,
  type SubscribeOptions,
  type Subscription,
} from './event-log'
import { OffsetCommits, type PartitionOffset } from './offset-commits'

export interface ConsumerTuning {
  /** The broker drops a member it has not heard from for this long. Default 10 000 ms. */
  sessionTimeout?: number
  /** How often a member tells the coordinator it is alive, and learns of rebalances. Default 1 000 ms. */
  heartbeatInterval?: number
  /** How long a fetch may wait on the broker when there is nothing new. Default 100 ms. */
  maxWaitTimeInMs?: number
  /**
   * The broker holds a fetch until this many bytes are ready or maxWaitTimeInMs passed. Default
   * 1 (answer as soon as anything is there: lowest latency, most requests). A consumer that only
   * records (analytics, audit) can ask for tens of KiB and fetch a few times a second instead.
   */
  minBytes?: number
  /** How often handled offsets are committed, in one request for all partitions. Default 100 ms. */
  commitIntervalMs?: number
  /** Partitions handled at once by one member (records of one partition stay in order). Default 4. */
  partitionsConsumedConcurrently?: number
}

interface MemberDeps {
  kafka: Kafka
  tuning: ConsumerTuning
  publish: (topic: string, records: OutgoingRecord[]) => Promise<void>
  logger: Logger
}

const JOIN_TIMEOUT_MS = 30_000

/**
 * One kafkajs consumer = one member of the group. autoCommit is off: the offset after a record
 * is committed only once its handler resolved (or it was dead-lettered), and OffsetCommits
 * gathers the offsets of every partition into one request every commitIntervalMs.
 */
export async function joinConsumerGroup(options: SubscribeOptions, deps: MemberDeps): Promise<Subscription> {
  const { kafka, tuning, logger } = deps
  const consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: tuning.sessionTimeout ?? 10_000,
    rebalanceTimeout: tuning.sessionTimeout ?? 10_000,
    heartbeatInterval: tuning.heartbeatInterval ?? 1_000,
    maxWaitTimeInMs: tuning.maxWaitTimeInMs ?? 100,
    minBytes: tuning.minBytes ?? 1,
    allowAutoTopicCreation: false,
  })
  const removeCrashListener = consumer.on(consumer.events.CRASH, ({ payload }) => {
    // kafkajs restarts the consumer after most crashes; it then resumes from the committed offsets.
    logger.error({ groupId: options.groupId, err: payload.error, restart: payload.restart }, 'consumer crashed')
  })
  const commits = new OffsetCommits(tuning.commitIntervalMs ?? 100, logger)
  // The member is about to hand its partitions back: commit first, so their next owner (maybe
  // this member again) starts after what was handled. The commit leaves on the wire before the
  // join request, and the broker accepts the old generation's commits until the group re-forms.
  const removeRebalanceListener = consumer.on(consumer.events.REBALANCING, () => void commits.commitNow())
  const removeJoinListener = consumer.on(consumer.events.GROUP_JOIN, () => commits.forget())
  const removeListeners = () => {
    removeCrashListener()
    removeRebalanceListener()
    removeJoinListener()
    commits.close()
  }
  const ready = untilFirstFetch(consumer)
  ready.catch(() => {}) // awaited below; this only keeps an early failure from going unhandled
  try {
    await consumer.connect()
    await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? false })
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently ?? 4,
      eachBatch: handleBatch(options, deps, commits),
    })
    await ready
  } catch (error) {
    await consumer.disconnect().catch(() => {})
    removeListeners()
    const reason = error instanceof Error ? error.message : String(error)
    throw new AppError('UNAVAILABLE', `consumer group ${options.groupId} could not join: ${reason}`)
  }

  let stopping: Promise<void> | undefined
  return {
    stop: () => {
      // Commit what was handled, then disconnect(): it lets the in-flight batch finish (which
      // commits its own offsets, see isStopping) and leaves the group.
      stopping ??= commits
        .commitNow()
        .then(() => consumer.disconnect())
        .finally(removeListeners)
      return stopping
    },
  }
}

/**
 * Handles a fetched batch of one partition in order, then hands its offset to `commits`. A
 * plain handler gets the records one by one; a batchHandler gets them in slices of up to
 * MAX_HANDLER_BATCH, so a busy partition costs one handler call per fetch rather than per record.
 */
function handleBatch(options: SubscribeOptions, deps: MemberDeps, commits: OffsetCommits) {
  const sliceSize = options.batchHandler ? MAX_HANDLER_BATCH : 1
  return async ({
    batch,
    resolveOffset,
    heartbeat,
    commitOffsetsIfNecessary,
    isRunning,
    isStale,
  }: EachBatchPayload) => {
    const { topic, partition } = batch
    // Stopping, or a seek moved this partition: leave the rest of the batch uncommitted.
    const isStopping = () => !isRunning() || isStale()
    const context = { options, isStopping, publish: deps.publish, logger: deps.logger }
    let nextOffset: string | undefined
    let failed = true
    try {
      for (let start = 0; start < batch.messages.length; start += sliceSize) {
        if (isStopping()) break
        const slice = batch.messages.slice(start, start + sliceSize)
        const done = await deliverBatch(
          slice.map((message) => toIncomingRecord(topic, partition, message)),
          context,
        )
        const lastDone = slice[done - 1]
        if (lastDone) {
          resolveOffset(lastDone.offset)
          nextOffset = (BigInt(lastDone.offset) + 1n).toString()
        }
        if (done < slice.length) break // stopping: the rest goes to the partition's next owner
        await heartbeat() // sent only when heartbeatInterval has passed; tells us of rebalances
      }
      failed = false
    } finally {
      // Kafka stores the offset of the next record to read, hence +1.
      if (nextOffset !== undefined) {
        commits.handled({ topic, partition, offset: nextOffset }, (offsets) =>
          commitOffsetsIfNecessary({ topics: byTopic(offsets) }),
        )
      }
      // Stopping or rebalancing (a throw from heartbeat): the partition may go elsewhere next.
      await (isStopping() || failed ? commits.commitNow() : commits.commitIfDue())
    }
  }
}

/**
 * Resolves after the member joined and its first fetch resolved where to start (the log end for
 * a new group without fromBeginning): a record published after subscribe() is then not skipped.
 */
function untilFirstFetch(consumer: Consumer): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`not ready within ${JOIN_TIMEOUT_MS} ms`)), JOIN_TIMEOUT_MS)
    const removeFetch = consumer.on(consumer.events.FETCH, () => done())
    const removeCrash = consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) done(payload.error)
    })
    const removeDisconnect = consumer.on(consumer.events.DISCONNECT, () => done(new Error('disconnected')))
    function done(error?: Error) {
      clearTimeout(timer)
      removeFetch()
      removeCrash()
      removeDisconnect()
      if (error) reject(error)
      else resolve()
    }
  })
}

function byTopic(offsets: PartitionOffset[]) {
  const topics = new Map<string, { partition: number; offset: string }[]>()
  for (const { topic, partition, offset } of offsets) {
    const partitions = topics.get(topic) ?? []
    partitions.push({ partition, offset })
    topics.set(topic, partitions)
  }
  return [...topics].map(([topic, partitions]) => ({ topic, partitions }))
}

function toIncomingRecord(topic: string, partition: number, message: KafkaMessage): IncomingRecord {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    // A header may repeat in Kafka; the port keeps one value per name, the last one.
    const last = Array.isArray(value) ? value[value.length - 1] : value
    if (last !== undefined) headers[name] = last.toString()
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? '',
    value: message.value ?? new Uint8Array(),
    headers,
    timestamp: Number(message.timestamp),
  }
}
