import { decodeEvent, type EventLog, type Subscription } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { joinGroup } from '../../shared/join-group'
import { READING, type Reading } from '../../shared/reading'

/** Kafka `smarthome.readings` in its own consumer group: the alerts see every reading the recorder sees. */
export function consumeReadingsForAlerts(
  events: EventLog,
  logger: Logger,
  options: { topic: string; groupId: string },
  handle: (readings: Reading[]) => Promise<void>,
): Promise<Subscription> {
  return joinGroup(
    events,
    {
      groupId: options.groupId,
      topics: [options.topic],
      fromBeginning: true,
      batchHandler: (records) => handle(records.map((record) => decodeEvent(READING, record))),
    },
    logger,
  )
}
