import { decodeEvent, type EventLog, type Subscription } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { joinGroup } from '../../shared/join-group'
import { NOTIFICATION, type Notification } from '../../shared/reading'

/**
 * Kafka `smarthome.notifications` in a group of this dashboard instance alone: every replica
 * needs every notification, since any of them may hold the page of that home. It starts at the
 * log's end: older ones are in PostgreSQL, which the page reads over REST.
 */
export function consumeNotifications(
  events: EventLog,
  logger: Logger,
  options: { topic: string; groupId: string },
  show: (notification: Notification) => void,
): Promise<Subscription> {
  return joinGroup(
    events,
    {
      groupId: options.groupId,
      topics: [options.topic],
      handler: async (record) => show(decodeEvent(NOTIFICATION, record)),
    },
    logger,
  )
}
