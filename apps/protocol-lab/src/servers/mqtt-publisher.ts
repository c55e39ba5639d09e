import mqtt from 'mqtt'
import { notificationTopic } from '../payload'
import type { LabServer, ServerOptions } from './lab-server'

/**
 * The event source for the MQTT rows: an MQTT client that publishes each notification to
 * the lab's topic at the QoS the lab asks for, through whichever broker `url` points at
 * (aedes or Mosquitto). At QoS 1 the broker answers PUBACK; at QoS 2 the four-packet
 * PUBLISH/PUBREC/PUBREL/PUBCOMP handshake runs on this leg and again on the subscriber's.
 */
export async function startMqttPublisher(options: ServerOptions): Promise<LabServer> {
  const url = String(options.url)
  const client = await mqtt.connectAsync(url, { clientId: `lab-publisher-${process.pid}`, reconnectPeriod: 0 })
  return {
    port: 0,
    async publish(notification, { qos }) {
      await client.publishAsync(notificationTopic, JSON.stringify(notification), { qos })
    },
    close: () => client.endAsync(),
  }
}
