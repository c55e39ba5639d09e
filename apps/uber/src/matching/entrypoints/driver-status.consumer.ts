import type { MessageListener } from '../../shared/backend-mqtt'
import { driverIdOf, MQTT_TOPICS } from '../../shared/mqtt-topics'
import type { DriverDepartures, OfferBook } from '../use-cases/offers'

/**
 * MQTT consumer of drivers/+/status (QoS 1). `offline` is a driver's last will (the broker
 * publishes it the moment the phone's connection dies), its goodbye, or the location service
 * speaking for a closed driver socket. An offer the driver holds moves on to the next driver
 * now instead of waiting out OFFER_TIMEOUT_MS, and the driver is skipped if its turn comes.
 */
export function driverStatusListener(offers: OfferBook, departures: DriverDepartures): MessageListener {
  return (topic, payload) => {
    const driverId = driverIdOf(topic)
    if (!driverId || topic !== MQTT_TOPICS.status(driverId)) return
    const status = payload.toString('utf8')
    if (status === 'offline') {
      departures.left(driverId)
      offers.driverLeft(driverId)
    } else if (status === 'online') departures.returned(driverId)
  }
}
