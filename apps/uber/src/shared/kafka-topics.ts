import { eventType } from '@wired/events'
import { DispatchProgress, DriverLocation, RideEvent } from '@wired/proto/uber/v1/events'

/**
 * Kafka topics of the Uber scenario, their keys and who reads them.
 *
 * rides.lifecycle    key = ride id: requested → accepted → arrived → started → completed / cancelled,
 *                    in order per ride because one key always lands in one partition.
 *   consumer groups: rider-gateway-<instance> (push status to riders: every gateway needs every ride),
 *                    pricing-surge-<instance> (demand), driver-behaviour (cancellations)
 * drivers.locations  key = driver id: every accepted position (location history).
 *   consumer groups: pricing-surge-<instance> (supply), driver-behaviour (speeding)
 * rides.dispatch     key = ride id: where the search for a driver stands (searching, offer 2 of 5),
 *                    straight from matching's memory; progress, not state, so no outbox.
 *   consumer groups: rider-gateway-<instance> (tell the rider what it waits for)
 */
export const KAFKA_TOPICS = {
  rideLifecycle: 'rides.lifecycle',
  driverLocations: 'drivers.locations',
  rideDispatch: 'rides.dispatch',
} as const

export const PARTITIONS = {
  [KAFKA_TOPICS.rideLifecycle]: 6,
  [KAFKA_TOPICS.driverLocations]: 6,
  [KAFKA_TOPICS.rideDispatch]: 6,
} as const

export const RIDE_EVENT = eventType('wired.uber.v1.RideEvent', RideEvent)
export const DRIVER_LOCATION = eventType('wired.uber.v1.DriverLocation', DriverLocation)
export const DISPATCH_PROGRESS = eventType('wired.uber.v1.DispatchProgress', DispatchProgress)

export const topicSpecs = () => Object.entries(PARTITIONS).map(([topic, partitions]) => ({ topic, partitions }))
