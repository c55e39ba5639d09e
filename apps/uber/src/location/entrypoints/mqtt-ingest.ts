import type { MessageListener } from '../../shared/backend-mqtt'
import type { City } from '../../shared/city'
import { driverIdOf, parseJsonPayload } from '../../shared/contracts/mqtt-topics'
import { acceptPosition } from '../domain/position'
import type { IngestPipeline } from '../ingest-pipeline'

export interface DriverFeedHandlers {
  city: City
  pipeline: IngestPipeline
  /** The driver's last will (or a clean "offline"): take it out of matching now. */
  onOffline(driverId: string): void
  /** Tells the driver why a message was refused (dispatch/<id>/errors). */
  reportError(driverId: string, about: string, error: unknown): void
  now?: () => number
}

/**
 * MQTT consumer of drivers/+/location and drivers/+/status (QoS 1). The driver id comes from the
 * topic, which the broker's ACL ties to the credentials the driver connected with.
 */
export function driverFeedListener(handlers: DriverFeedHandlers): MessageListener {
  const now = handlers.now ?? Date.now
  return (topic, payload) => {
    const driverId = driverIdOf(topic)
    if (!driverId) return
    const kind = topic.slice(`drivers/${driverId}/`.length)
    if (kind === 'location') {
      try {
        handlers.pipeline.accept(acceptPosition(handlers.city, driverId, parseJsonPayload(payload), 'mqtt', now()))
      } catch (error) {
        handlers.reportError(driverId, topic, error)
      }
    } else if (kind === 'status' && payload.toString('utf8') === 'offline') {
      handlers.onOffline(driverId)
    }
  }
}
