import type { EventLog, Subscription } from '@wired/events'
import type pg from 'pg'
import { topicSpecs } from '../shared/contracts/kafka-topics'
import { createBehaviourRecords } from './adapters/behaviour-records'
import type { DriverBehaviourConfig } from './config'
import { consumeDriverBehaviour } from './entrypoints/behaviour-consumer'

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
