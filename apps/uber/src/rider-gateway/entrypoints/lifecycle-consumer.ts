import { decodeEvent, type EventLog, type Subscription } from '@wired/events'
import { KAFKA_TOPICS, RIDE_EVENT } from '../../shared/contracts/kafka-topics'
import { rideViewFromEvent } from '../../shared/contracts/ride-messages'
import type { RiderSessions } from '../riders'

/**
 * rides.lifecycle → the rider's socket. Every gateway replica has its own consumer group
 * (rider-gateway-<instance>) and so reads every ride's events: whichever replica holds the
 * rider's socket can push them. It starts at the end of the log; older state comes from the
 * GetActiveRide snapshot taken when the rider connects.
 */
export function consumeRideLifecycle(events: EventLog, groupId: string, riders: RiderSessions): Promise<Subscription> {
  return events.subscribe({
    groupId,
    topics: [KAFKA_TOPICS.rideLifecycle],
    handler: async (record) => riders.updateRide(rideViewFromEvent(decodeEvent(RIDE_EVENT, record))),
  })
}
