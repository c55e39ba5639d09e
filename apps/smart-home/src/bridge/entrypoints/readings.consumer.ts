import { tracedMessageListener } from '@wired/mqtt'
import type { Logger } from '@wired/runtime'
import type { MqttClient } from 'mqtt'
import { SUBSCRIPTIONS } from '../../shared/home-topics'

type Handle = (topic: string, payload: Buffer, qos: number) => Promise<void>

/**
 * The bridge's MQTT side. mqtt.js sends PUBACK for a QoS 1 message when `handleMessage` calls
 * back, so the callback waits for `handle` (Kafka's ack). mqtt.js hands over the next message
 * only after that callback: QoS 1 readings go through one Kafka round trip at a time, the price
 * of acking only what is safe (QoS 0 readings are queued and called back at once).
 */
export function consumeDeviceReadings(client: MqttClient, handle: Handle, logger: Logger): void {
  const traced = tracedMessageListener((topic: string, payload: Buffer, packet: { qos: number }) =>
    handle(topic, payload, packet.qos),
  )
  client.handleMessage = (packet, done) => {
    if (packet.cmd !== 'publish') return done()
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload)
    Promise.resolve(traced(packet.topic, payload, packet as never)).then(
      () => done(),
      // Only when the bridge is stopping (the sink retries otherwise): no PUBACK, the broker keeps it.
      (error: unknown) => logger.warn({ err: error, topic: packet.topic }, 'reading not acknowledged'),
    )
  }
}

/** Subscribes at QoS 1 (a QoS 0 publish stays QoS 0): the broker queues QoS 1 readings for this session while it is away. */
export async function subscribeToReadings(client: MqttClient): Promise<void> {
  const granted = await client.subscribeAsync({
    [SUBSCRIPTIONS.telemetry]: { qos: 1 },
    [SUBSCRIPTIONS.alerts]: { qos: 1 },
  })
  const refused = granted.filter((grant) => grant.qos === 128)
  if (refused.length > 0) throw new Error(`broker refused ${refused.map((grant) => grant.topic).join(', ')}`)
}
