import { type EventLog, encodeEvent } from '@wired/events'
import { DRIVER_LOCATION, KAFKA_TOPICS } from '../../shared/kafka-topics'
import type { LocationHistory } from '../use-cases/ingest-fixes'

/** drivers.locations, key = driver id: one driver's fixes stay in order in one partition. */
export function createKafkaLocationHistory(events: EventLog): LocationHistory {
  return {
    async append(positions) {
      await events.publish(
        KAFKA_TOPICS.driverLocations,
        positions.map((fix) => ({
          key: fix.driverId,
          ...encodeEvent(DRIVER_LOCATION, {
            driverId: fix.driverId,
            position: fix.position,
            headingDegrees: fix.heading,
            speedMps: fix.speedMps,
            recordedAtMs: fix.recordedAt,
            receivedAtMs: fix.receivedAt,
            source: fix.source,
            available: fix.available,
          }),
        })),
      )
    },
  }
}
