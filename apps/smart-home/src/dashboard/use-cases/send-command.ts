import { randomUUID } from 'node:crypto'
import { AppError } from '@wired/runtime'
import { commandQos, type QoS, topicOf } from '../../shared/home-topics'
import type { DeviceRegistry } from '../adapters/device-registry'
import { type Command, checkCommand } from '../domain/commands'

export type PublishCommand = (topic: string, payload: string, qos: QoS) => Promise<unknown>

/**
 * A command, as a story: find the device → check the command fits its kind → publish it on the
 * device's command topic. The publish resolves when the broker has it (PUBACK, or PUBCOMP for a
 * lock's QoS 2), not when the device acts: a sleeping device gets it from its persistent
 * session when it wakes, and reports the result in its retained state.
 */
export async function sendCommand(registry: DeviceRegistry, publish: PublishCommand, deviceId: string, body: Command) {
  const device = registry.get(deviceId)
  if (!device) throw new AppError('NOT_FOUND', `no device '${deviceId}' has ever connected`)
  const checked = checkCommand(device.kind, body)
  if (!checked.ok) throw new AppError('INVALID_ARGUMENT', checked.reason)
  const command = { id: randomUUID(), ...checked.command, at: Date.now() }
  const topic = topicOf(device, 'command')
  const qos = commandQos(device.kind)
  // What came back is how the delivery to the broker went (commandPublisher: the QoS handshake).
  const handshake = await publish(topic, JSON.stringify(command), qos)
  return { command, topic, qos, deviceStatus: device.status, handshake }
}
