import { AppError, isAppError, type Logger } from '@wired/runtime'
import type { MessageListener } from '../../shared/backend-mqtt'
import { driverIdOf, parseJsonPayload, RIDE_ACTIONS, type RideActionMessage } from '../../shared/mqtt-topics'
import type { DriverChannel } from '../adapters/driver-channel'
import type { Rides } from '../use-cases/rides'

/**
 * MQTT consumer of drivers/+/ride (QoS 1). The broker's ACL guarantees that only driver <id> can
 * publish on drivers/<id>/ride, so the topic says who acts. A refused action is answered on the
 * driver's dispatch/<id>/errors topic: MQTT 3.1.1 has no way to answer a PUBLISH with an error.
 */
export function driverActionListener(rides: Rides, channel: DriverChannel, logger: Logger): MessageListener {
  // One driver's actions are applied in the order they were published (arrive before start);
  // different drivers proceed in parallel.
  const queues = new Map<string, Promise<void>>()
  return (topic, payload) => {
    if (!topic.endsWith('/ride') || !topic.startsWith('drivers/')) return
    const driverId = driverIdOf(topic)
    if (!driverId) return
    const previous = queues.get(driverId) ?? Promise.resolve()
    const next = previous
      .then(() => rides.onDriverAction(driverId, parseAction(parseJsonPayload(payload))))
      .catch((error: unknown) => {
        const known = isAppError(error) && error.code !== 'INTERNAL'
        if (!known) logger.error({ err: error, topic }, 'driver action failed')
        const message = known ? error.message : 'internal error'
        const code = known ? error.code : 'INTERNAL'
        return channel.sendError(driverId, { code, message, about: topic })
      })
      .catch((error: unknown) => logger.warn({ err: error, driverId }, 'could not tell the driver'))
      .finally(() => {
        if (queues.get(driverId) === next) queues.delete(driverId)
      })
    queues.set(driverId, next)
  }
}

function parseAction(value: unknown): RideActionMessage {
  const candidate = (value ?? {}) as Partial<RideActionMessage>
  if (typeof candidate.rideId !== 'string' || candidate.rideId.length === 0 || candidate.rideId.length > 64)
    throw new AppError('INVALID_ARGUMENT', 'rideId must be a ride id')
  if (!RIDE_ACTIONS.includes(candidate.action as never))
    throw new AppError('INVALID_ARGUMENT', `action must be one of ${RIDE_ACTIONS.join(', ')}`)
  const reason = typeof candidate.reason === 'string' ? candidate.reason.slice(0, 200) : undefined
  return { rideId: candidate.rideId, action: candidate.action as RideActionMessage['action'], reason }
}
