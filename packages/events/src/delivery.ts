import { isAppError, type Logger } from '@wired/runtime'
import { defaultDeadLetterTopic, type IncomingRecord, type OutgoingRecord, type SubscribeOptions } from './event-log'

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
  for (let attempt = 1; ; attempt++) {
    try {
      await options.handler(record)
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
