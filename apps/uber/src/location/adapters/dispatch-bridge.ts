import { AppError, type ErrorCode, isAppError, type Logger } from '@wired/runtime'
import type { MqttClient } from 'mqtt'
import type { MessageListener } from '../../shared/backend-mqtt'
import { MQTT_TOPICS, QOS } from '../../shared/mqtt-topics'

type Frame = Record<string, unknown> & { type: string }
type Send = (frame: Frame) => void

const FRAME_TYPES: Record<string, string> = { offer: 'offer', ride: 'ride', errors: 'error' }

/**
 * Drivers on the WebSocket alternative still live on the MQTT topic tree: the location service
 * relays their ride actions to drivers/<id>/ride and the broker's dispatch/<id>/... messages back
 * to their socket. Matching never needs to know which protocol a driver uses.
 */
export function createDispatchBridge(mqtt: MqttClient, logger: Logger) {
  const sockets = new Map<string, Set<Send>>()

  const listener: MessageListener = (topic, payload) => {
    const [root, driverId, kind] = topic.split('/')
    if (root !== 'dispatch' || !driverId || !kind || !FRAME_TYPES[kind]) return
    const targets = sockets.get(driverId)
    if (!targets) return
    try {
      const frame = { ...(JSON.parse(payload.toString('utf8')) as object), type: FRAME_TYPES[kind] } as Frame
      for (const send of targets) send(frame)
    } catch (error) {
      logger.warn({ err: error, topic }, 'undecodable dispatch message')
    }
  }

  return {
    listener,
    /** Subscribed once for all drivers: dispatch traffic is a few messages per ride. */
    subscribe: () => mqtt.subscribeAsync('dispatch/+/+', { qos: 1 }),
    /** Relays the driver's dispatch topics to this socket; the returned detach() is true for its last socket. */
    attach(driverId: string, send: Send): () => boolean {
      const targets = sockets.get(driverId) ?? new Set<Send>()
      targets.add(send)
      sockets.set(driverId, targets)
      return () => {
        targets.delete(send)
        if (targets.size > 0) return false
        sockets.delete(driverId)
        return true
      }
    },
    /**
     * Publishes `offline` on drivers/<id>/status for a driver whose WebSocket closed: the socket's
     * last will. Matching hears it the way it hears an MQTT will and moves a pending offer on at
     * once. Not retained: it is news, not state the driver app set.
     */
    announceOffline(driverId: string): void {
      mqtt
        .publishAsync(MQTT_TOPICS.status(driverId), 'offline', { qos: QOS.status })
        .catch((failure: unknown) => logger.warn({ err: failure, driverId }, 'could not announce a driver offline'))
    },
    async forwardRideAction(driverId: string, frame: Record<string, unknown>): Promise<void> {
      const { rideId, action, reason } = frame
      if (typeof rideId !== 'string' || typeof action !== 'string')
        throw new AppError('INVALID_ARGUMENT', 'a ride frame needs rideId and action')
      await mqtt.publishAsync(MQTT_TOPICS.rideAction(driverId), JSON.stringify({ rideId, action, reason }), {
        qos: QOS.rideAction,
      })
    },
    /** dispatch/<id>/errors, QoS 0: a hint for the driver app, not state. */
    reportError(driverId: string, about: string, error: unknown): void {
      const code: ErrorCode = isAppError(error) ? error.code : 'INTERNAL'
      const message = isAppError(error) && code !== 'INTERNAL' ? error.message : 'internal error'
      if (code === 'INTERNAL') logger.error({ err: error, driverId, about }, 'driver message failed')
      mqtt
        .publishAsync(MQTT_TOPICS.errors(driverId), JSON.stringify({ code, message, about }), { qos: QOS.errors })
        .catch((failure: unknown) => logger.warn({ err: failure }, 'could not report error to driver'))
    },
  }
}

export type DispatchBridge = ReturnType<typeof createDispatchBridge>
