import type { EventLog, Subscription } from '@wired/events'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import type pg from 'pg'
import { openUberDatabase } from '../shared/database'
import { topicSpecs } from '../shared/kafka-topics'
import { createBehaviourRecords } from './adapters/behaviour-records'
import type { DriverBehaviourConfig } from './config'
import { consumeDriverBehaviour } from './entrypoints/behaviour.consumer'

export interface DriverBehaviourDeps {
  pool: pg.Pool
  events: EventLog
}

export function createDriverBehaviourService(config: DriverBehaviourConfig, deps: DriverBehaviourDeps) {
  let subscription: Subscription | undefined
  return {
    async start() {
      await deps.events.createTopics(topicSpecs())
      subscription = await consumeDriverBehaviour(deps.events, config.groupId, createBehaviourRecords(deps.pool))
    },
    async stop() {
      await subscription?.stop()
    },
  }
}

/**
 * The service as every Wired service is built: it opens its own Kafka, Redis and database
 * clients from config (or takes the embedded mode's twins from deps) and closes them at stop().
 */
export function createService(config: DriverBehaviourConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const pool = await openUberDatabase(config.databaseUrl, logger, shutdown)
    const events = await openEventLog(deps, shutdown, {
      brokers: config.kafkaBrokers,
      clientId: 'uber-driver-behaviour',
    })
    const service = createDriverBehaviourService(config, { pool, events })
    await service.start()
    shutdown.defer(() => service.stop())
    return {}
  }, logger)
}
