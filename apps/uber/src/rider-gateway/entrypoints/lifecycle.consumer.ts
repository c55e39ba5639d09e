import { decodeEvent, type EventLog, type Subscription } from '@wired/events'
import { DISPATCH_PROGRESS, KAFKA_TOPICS, RIDE_EVENT } from '../../shared/kafka-topics'
import { rideViewFromEvent } from '../../shared/ride-messages'
import type { RiderSessions } from '../use-cases/watch-rides'

/**
 * rides.lifecycle and rides.dispatch → the rider's socket. Every gateway replica has its own
 * consumer group (rider-gateway-<instance>) and so reads every ride's records: whichever replica
 * holds the rider's socket can push them. It starts at the end of the log; older state comes
 * from the GetActiveRide snapshot taken when the rider connects.
 */
export function consumeRideLifecycle(events: EventLog, groupId: string, riders: RiderSessions): Promise<Subscription> {
  return events.subscribe({
    groupId,
    topics: [KAFKA_TOPICS.rideLifecycle, KAFKA_TOPICS.rideDispatch],
    handler: async (record) => {
      if (record.topic === KAFKA_TOPICS.rideDispatch) riders.onDispatch(decodeEvent(DISPATCH_PROGRESS, record))
      else riders.updateRide(rideViewFromEvent(decodeEvent(RIDE_EVENT, record)))
    },
  })
}
