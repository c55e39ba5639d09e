import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { openSmartHomeDatabase } from '../shared/database'
import { kafkaTopics, topicSpecs } from '../shared/kafka-topics'
import { insertReadings } from './adapters/readings.repository'
import type { RecorderConfig } from './config'
import { consumeReadings } from './entrypoints/readings.consumer'

/** The telemetry store: every reading from Kafka into PostgreSQL's time-indexed `readings`. */
export function createService(config: RecorderConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const pool = await openSmartHomeDatabase(config.database, logger, shutdown)
    const events = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'smart-home-recorder' })
    await events.createTopics(topicSpecs(config.topicPrefix))
    const subscription = await consumeReadings(
      events,
      logger,
      { topic: kafkaTopics(config.topicPrefix).readings, groupId: config.groupId },
      (readings) => insertReadings(pool, readings),
    )
    shutdown.defer(() => subscription.stop())
    return {}
  }, logger)
}
