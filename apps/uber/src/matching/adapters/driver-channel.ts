import type { MqttClient } from 'mqtt'
import {
  type DriverErrorMessage,
  MQTT_TOPICS,
  QOS,
  type RideOffer,
  type RideUpdateMessage,
} from '../../shared/mqtt-topics'

/**
 * How matching talks to a driver's app: over the broker the driver is connected to, on the
 * driver's own dispatch/<id>/ topics. QoS 1 for offers and ride updates: a driver whose phone
 * blinked off for a second still gets them once its persistent session resumes.
 */
export interface DriverChannel {
  sendOffer(driverId: string, offer: RideOffer): Promise<void>
  sendRideUpdate(driverId: string, update: RideUpdateMessage): Promise<void>
  sendError(driverId: string, error: DriverErrorMessage): Promise<void>
}

export function createMqttDriverChannel(client: MqttClient): DriverChannel {
  const publish = async (topic: string, message: object, qos: 0 | 1) => {
    await client.publishAsync(topic, JSON.stringify(message), { qos })
  }
  return {
    sendOffer: (driverId, offer) => publish(MQTT_TOPICS.offer(driverId), offer, QOS.offer),
    sendRideUpdate: (driverId, update) => publish(MQTT_TOPICS.rideUpdate(driverId), update, QOS.rideUpdate),
    sendError: (driverId, error) => publish(MQTT_TOPICS.errors(driverId), error, QOS.errors),
  }
}
