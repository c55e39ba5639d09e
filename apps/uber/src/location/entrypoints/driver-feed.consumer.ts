import { AppError } from '@wired/runtime'
import type { MessageListener } from '../../shared/backend-mqtt'
import type { City } from '../../shared/city'
import { driverIdOf, parseJsonPayload } from '../../shared/mqtt-topics'
import { acceptPosition } from '../domain/position'
import type { IngestPipeline } from '../use-cases/ingest-fixes'

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
 * MQTT consumer of the drivers' whole tree, drivers/# (QoS 1). The driver id comes from the
 * topic, which the broker's ACL ties to the credentials the driver connected with. This service
 * reads /location and /status, matching reads /ride; anything else a driver publishes under its
 * own tree is a bug in its app, and it hears so on its errors topic instead of silence.
 */
export function driverFeedListener(handlers: DriverFeedHandlers): MessageListener {
  const now = handlers.now ?? Date.now
  return (topic, payload) => {
    const driverId = driverIdOf(topic)
    if (!driverId) return
    const kind = topic.slice(`drivers/${driverId}`.length)
    try {
      if (kind === '/location')
        handlers.pipeline.accept(acceptPosition(handlers.city, driverId, parseJsonPayload(payload), 'mqtt', now()))
      else if (kind === '/status') {
        if (readStatus(payload) === 'offline') handlers.onOffline(driverId)
      } else if (kind !== '/ride')
        throw new AppError(
          'NOT_FOUND',
          `no such topic: ${topic}; a driver publishes on drivers/<id>/location, /status or /ride`,
        )
    } catch (error) {
      handlers.reportError(driverId, topic, error)
    }
  }
}

/** An empty payload is a retained status being cleared: nothing to do. */
function readStatus(payload: Buffer): 'online' | 'offline' | undefined {
  const status = payload.toString('utf8')
  if (status === '') return undefined
  if (status !== 'online' && status !== 'offline')
    throw new AppError('INVALID_ARGUMENT', "a status is the text 'online' or 'offline'")
  return status
}
