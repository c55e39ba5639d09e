import { decodeEvent, type EventLog, type Subscription } from '@wired/events'
import { RideStatus } from '@wired/proto/uber/v1/common'
import { type City, cellOf } from '../../shared/city'
import { DRIVER_LOCATION, KAFKA_TOPICS, RIDE_EVENT } from '../../shared/kafka-topics'
import type { SurgeBoard } from '../domain/surge'

/**
 * Kafka consumer feeding the surge board: `requested` ride events are demand in the pickup's
 * cell, driver locations are supply in theirs. The board counts distinct rides and drivers, so
 * the at-least-once redelivery of a record is harmless.
 */
export function consumeSurgeInputs(
  events: EventLog,
  groupId: string,
  board: SurgeBoard,
  city: City,
): Promise<Subscription> {
  return events.subscribe({
    groupId,
    topics: [KAFKA_TOPICS.rideLifecycle, KAFKA_TOPICS.driverLocations],
    handler: async (record) => {
      if (record.topic === KAFKA_TOPICS.rideLifecycle) {
        const ride = decodeEvent(RIDE_EVENT, record)
        if (ride.status === RideStatus.REQUESTED) board.recordRequest(ride.rideId, ride.cellId, ride.occurredAtMs)
        return
      }
      const location = decodeEvent(DRIVER_LOCATION, record)
      if (!location.position) return
      board.recordDriver(location.driverId, cellOf(city, location.position), location.recordedAtMs, location.available)
    },
  })
}
