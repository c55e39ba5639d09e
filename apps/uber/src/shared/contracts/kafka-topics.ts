import { eventType } from '@wired/events'
import { DriverLocation, RideEvent } from '@wired/proto/uber/v1/events'

/**
 * Kafka topics of the Uber scenario, their keys and who reads them.
 *
 * rides.lifecycle    key = ride id: requested → accepted → arrived → started → completed / cancelled,
 *                    in order per ride because one key always lands in one partition.
 *   consumer groups: rider-gateway-<instance> (push status to riders: every gateway needs every ride),
 *                    pricing-surge-<instance> (demand), driver-behaviour (cancellations)
 * drivers.locations  key = driver id: every accepted position (location history).
 *   consumer groups: pricing-surge-<instance> (supply), driver-behaviour (speeding)
 */
export const KAFKA_TOPICS = {
  rideLifecycle: 'rides.lifecycle',
  driverLocations: 'drivers.locations',
} as const

export const PARTITIONS = { [KAFKA_TOPICS.rideLifecycle]: 6, [KAFKA_TOPICS.driverLocations]: 6 } as const

export const RIDE_EVENT = eventType('wired.uber.v1.RideEvent', RideEvent)
export const DRIVER_LOCATION = eventType('wired.uber.v1.DriverLocation', DriverLocation)

export const topicSpecs = () => Object.entries(PARTITIONS).map(([topic, partitions]) => ({ topic, partitions }))
