import { decodeEvent, type EventLog, type Subscription } from '@wired/events'
import { RideStatus } from '@wired/proto/uber/v1/common'
import { DRIVER_LOCATION, KAFKA_TOPICS, RIDE_EVENT } from '../../shared/kafka-topics'
import type { BehaviourRecords } from '../adapters/behaviour-records'
import { type Fix, judgeMovement } from '../domain/movement'

/**
 * Driver behaviour analysis, a Kafka consumer (group driver-behaviour) of both topics. Because
 * drivers.locations is keyed by driver id, one partition holds all of a driver's fixes in order
 * and exactly one member of the group reads it: the previous fix can live in this process's
 * memory. After a rebalance the new owner starts with no previous fix, which costs one
 * comparison, not a wrong one.
 */
export function consumeDriverBehaviour(
  events: EventLog,
  groupId: string,
  records: BehaviourRecords,
): Promise<Subscription> {
  const previous = new Map<string, Fix>()
  return events.subscribe({
    groupId,
    topics: [KAFKA_TOPICS.driverLocations, KAFKA_TOPICS.rideLifecycle],
    handler: async (record) => {
      if (record.topic === KAFKA_TOPICS.rideLifecycle) {
        const ride = decodeEvent(RIDE_EVENT, record)
        if (ride.status === RideStatus.CANCELLED && ride.cancelledBy === 'driver')
          await records.cancellation(ride.rideId, ride.driverId, ride.occurredAtMs)
        return
      }
      const location = decodeEvent(DRIVER_LOCATION, record)
      if (!location.position) return
      const fix = { position: location.position, recordedAt: location.recordedAtMs }
      const before = previous.get(location.driverId)
      previous.set(location.driverId, fix)
      if (!before) return
      const { verdict, speedMps } = judgeMovement(before, fix)
      if (verdict !== 'normal') await records.flag(location.driverId, fix.recordedAt, verdict, speedMps)
    },
  })
}
