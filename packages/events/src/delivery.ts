import { isAppError, type Logger } from '@wired/runtime'
import {
  defaultDeadLetterTopic,
  type IncomingRecord,
  type OutgoingRecord,
  type RecordHandler,
  type SubscribeOptions,
} from './event-log'

/** Headers a dead-lettered record carries, so an operator can find and replay the original. */
export const DEAD_LETTER_HEADERS = {
  error: 'dead-letter-error',
  attempts: 'dead-letter-attempts',
  topic: 'dead-letter-original-topic',
  partition: 'dead-letter-original-partition',
  offset: 'dead-letter-original-offset',
} as const

/** What became of one record; only 'abandoned' leaves its offset uncommitted. */
export type DeliveryOutcome = 'handled' | 'dead-lettered' | 'abandoned'

export interface DeliveryContext {
  options: SubscribeOptions
  /** True once the subscription is stopping: a failure is then left for the next owner to retry. */
  isStopping: () => boolean
  publish: (topic: string, records: OutgoingRecord[]) => Promise<void>
  logger: Logger
}

/**
 * At-least-once delivery of one record: retry in place with exponential backoff (a transient
 * fault such as a database failover often heals within a second), then park the record in a
 * dead-letter topic so one poison record cannot block its partition forever. Retrying in place
 * rather than skipping ahead keeps the records of a partition in order.
 */
export async function deliver(record: IncomingRecord, context: DeliveryContext): Promise<DeliveryOutcome> {
  const { options, isStopping, logger } = context
  const maxRetries = options.maxRetries ?? 3
  const backoffMs = options.retryBackoffMs ?? 50
  const handle = recordHandlerOf(options)
  for (let attempt = 1; ; attempt++) {
    try {
      await handle(record)
      return 'handled'
    } catch (error) {
      const where = { topic: record.topic, partition: record.partition, offset: record.offset, attempt }
      logger.warn({ ...where, err: error }, 'event handler failed')
      if (isStopping()) return 'abandoned'
      if (attempt > maxRetries) {
        await publishDeadLetter(record, error, attempt, context)
        return 'dead-lettered'
      }
      await sleep(backoffMs * 2 ** (attempt - 1))
      if (isStopping()) return 'abandoned'
    }
  }
}

/**
 * At-least-once delivery of a batch of one partition (offset order). The whole batch goes to the
 * batchHandler once; if that fails, each record is delivered on its own as above (retries, then
 * dead-letter), so a poison record is parked alone and its neighbours still get through. Records
 * the failed batch call did write are written again: batch handlers must be idempotent.
 * Resolves to how many records from the front are done (handled or dead-lettered): fewer than all
 * only when the subscription is stopping, and only those may be committed.
 */
export async function deliverBatch(records: IncomingRecord[], context: DeliveryContext): Promise<number> {
  const { options, isStopping, logger } = context
  if (options.batchHandler && records.length > 1) {
    try {
      await options.batchHandler(records)
      return records.length
    } catch (error) {
      const first = records[0]!
      const where = {
        topic: first.topic,
        partition: first.partition,
        offsets: `${first.offset}..`,
        size: records.length,
      }
      logger.warn({ ...where, err: error }, 'batch handler failed, handling its records one by one')
      if (isStopping()) return 0
    }
  }
  let done = 0
  for (const record of records) {
    if (isStopping() || (await deliver(record, context)) === 'abandoned') break
    done++
  }
  return done
}

function recordHandlerOf(options: SubscribeOptions): RecordHandler {
  if (options.handler) return options.handler
  const batchHandler = options.batchHandler
  return (record) => batchHandler([record])
}

async function publishDeadLetter(record: IncomingRecord, error: unknown, attempts: number, context: DeliveryContext) {
  const deadLetterTopic = (context.options.deadLetterTopic ?? defaultDeadLetterTopic)(record.topic)
  const headers = {
    ...record.headers,
    [DEAD_LETTER_HEADERS.error]: describeError(error),
    [DEAD_LETTER_HEADERS.attempts]: String(attempts),
    [DEAD_LETTER_HEADERS.topic]: record.topic,
    [DEAD_LETTER_HEADERS.partition]: String(record.partition),
    [DEAD_LETTER_HEADERS.offset]: record.offset,
  }
  await context.publish(deadLetterTopic, [{ key: record.key, value: record.value, headers }])
  context.logger.error(
    { topic: record.topic, partition: record.partition, offset: record.offset, deadLetterTopic },
    'record dead-lettered',
  )
}

function describeError(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`
  if (error instanceof Error) return error.message
  return String(error)
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
