import { decodeEvent, type EventLog, type Subscription } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { joinGroup } from '../../shared/join-group'
import { READING } from '../../shared/reading'

/**
 * Kafka `smarthome.readings` → PostgreSQL, a fetched batch at a time. Offsets are committed
 * after the INSERT, so a crash between the two replays the batch (and the INSERT ignores it).
 */
export function consumeReadings(
  events: EventLog,
  logger: Logger,
  options: { topic: string; groupId: string },
  store: (readings: ReturnType<typeof READING.codec.decode>[]) => Promise<void>,
): Promise<Subscription> {
  return joinGroup(
    events,
    {
      groupId: options.groupId,
      topics: [options.topic],
      fromBeginning: true,
      batchHandler: (records) => store(records.map((record) => decodeEvent(READING, record))),
    },
    logger,
  )
}
