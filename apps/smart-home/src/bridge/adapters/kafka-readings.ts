import { type EventLog, encodeEvent } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { READING, type Reading } from '../../shared/reading'

export interface ReadingSink {
  /** Queues a QoS 0 reading: it goes out with the next batch (at most lingerMs later). */
  add(reading: Reading): void
  /** Queues a reading and resolves once Kafka acknowledged it (acks=all), with whatever was queued. */
  addAndFlush(reading: Reading): Promise<void>
  /** Sends what is queued and stops the timer. */
  close(): Promise<void>
}

/**
 * Readings into Kafka `smarthome.readings`, key = device id (one device's readings stay in order
 * in one partition). QoS 0 readings are batched, so thousands a second cost a few produce
 * requests; a failed produce is retried until it succeeds or the bridge stops.
 */
export function kafkaReadingSink(
  events: EventLog,
  topic: string,
  options: { lingerMs: number; batchSize: number; logger: Logger },
): ReadingSink {
  let pending: Reading[] = []
  let timer: NodeJS.Timeout | undefined
  let chain: Promise<void> = Promise.resolve()
  let closed = false

  const send = async (batch: Reading[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await events.publish(
          topic,
          batch.map((reading) => ({ key: reading.device, ...encodeEvent(READING, reading) })),
        )
        return
      } catch (error) {
        if (closed && attempt > 3) throw error
        options.logger.warn({ err: error, attempt, readings: batch.length }, 'kafka produce failed, retrying')
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 50 * 2 ** attempt)))
      }
    }
  }
  // One produce at a time, in order: a device's readings reach its partition in the order sent.
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (pending.length === 0) return chain
    const batch = pending
    pending = []
    chain = chain.then(() => send(batch))
    return chain
  }
  return {
    add(reading) {
      pending.push(reading)
      if (pending.length >= options.batchSize) void flush().catch(() => {})
      else timer ??= setTimeout(() => void flush().catch(() => {}), options.lingerMs)
    },
    addAndFlush(reading) {
      pending.push(reading)
      return flush()
    },
    async close() {
      closed = true
      await flush().catch((error) => options.logger.error({ err: error }, 'readings lost at shutdown'))
    },
  }
}
