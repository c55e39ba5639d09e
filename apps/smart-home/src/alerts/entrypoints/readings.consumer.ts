import { decodeEvent, type EventLog, type Subscription } from '@wired/events'
import { READING, type Reading } from '../../shared/reading'

/** Kafka `smarthome.readings` in its own consumer group: the alerts see every reading the recorder sees. */
export function consumeReadingsForAlerts(
  events: EventLog,
  options: { topic: string; groupId: string },
  handle: (readings: Reading[]) => Promise<void>,
): Promise<Subscription> {
  return events.subscribe({
    groupId: options.groupId,
    topics: [options.topic],
    fromBeginning: true,
    batchHandler: (records) => handle(records.map((record) => decodeEvent(READING, record))),
  })
}
