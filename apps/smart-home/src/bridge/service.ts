import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { connectBackendMqtt, createBackendMqtt } from '../shared/backend-mqtt'
import { parseTopic, topicOf } from '../shared/home-topics'
import { kafkaTopics, topicSpecs } from '../shared/kafka-topics'
import { kafkaReadingSink } from './adapters/kafka-readings'
import type { BridgeConfig } from './config'
import { consumeDeviceReadings, subscribeToReadings } from './entrypoints/readings.consumer'
import { type BridgeStats, bridgeMessage, type Refusal } from './use-cases/bridge-message'

/**
 * The MQTT → Kafka bridge: a persistent MQTT session subscribed to every device's readings and
 * alerts, forwarding each to Kafka `smarthome.readings`.
 */
export function createService(config: BridgeConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const events = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'smart-home-bridge' })
    await events.createTopics(topicSpecs(config.topicPrefix))
    const sink = kafkaReadingSink(events, kafkaTopics(config.topicPrefix).readings, { ...config, logger })
    shutdown.defer(() => sink.close())

    const mqtt = createBackendMqtt(config.mqtt, { clean: false })
    // A refusal goes back to the device on its own error topic (QoS 1): MQTT 3.1.1 has no NACK.
    const refuse = (refusal: Refusal) => {
      logger.warn(refusal, 'reading refused')
      const where = parseTopic(refusal.topic)
      if (!where) return
      const body = JSON.stringify({ refused: refusal.id ?? null, topic: refusal.topic, reason: refusal.reason })
      mqtt.publishAsync(topicOf({ ...where, id: where.device }, 'error'), body, { qos: 1 }).catch(() => {})
    }
    const stats: BridgeStats = { forwarded: 0, refused: 0 }
    consumeDeviceReadings(mqtt, bridgeMessage(sink, refuse, stats), logger)
    await connectBackendMqtt(mqtt)
    // Stop MQTT first: nothing new arrives, and what was not acked stays with the broker.
    shutdown.defer(() => mqtt.endAsync(true))
    await subscribeToReadings(mqtt)
    return {}
  }, logger)
}
