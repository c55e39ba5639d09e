import mqtt from 'mqtt'
import { isNotification, notificationTopic } from '../payload'
import type { NotificationHandler, PushClient } from './push-client'

/**
 * MQTT subscriber (the `mqtt` package). The delivered QoS is the lower of the publish QoS and
 * the subscription QoS, so the lab subscribes at the same level it publishes. `subscribeAsync`
 * resolves on SUBACK: from then on the broker routes every publish to this client.
 */
export async function subscribeMqtt(
  url: string,
  qos: 0 | 1 | 2,
  onNotification: NotificationHandler,
): Promise<PushClient> {
  const client = await mqtt.connectAsync(url, {
    clientId: `lab-subscriber-${process.pid}-${qos}-${Date.now()}`,
    reconnectPeriod: 0,
    clean: true,
  })
  client.on('message', (_topic, payload) => {
    const message: unknown = JSON.parse(payload.toString())
    if (isNotification(message)) onNotification(message)
  })
  await client.subscribeAsync(notificationTopic, { qos })
  return { close: () => client.endAsync() }
}
