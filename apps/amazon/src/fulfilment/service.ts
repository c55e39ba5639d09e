import { openServiceDatabase } from '@wired/db'
import { defineService, openEventLog, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { redisKeys } from '../shared/redis-keys'
import { amazonTopics, consumerGroups, ensureTopics } from '../shared/topics'
import type { FulfilmentConfig } from './config'
import { consumeOrderPlaced } from './entrypoints/order-placed.consumers'

const migrations = new URL('./migrations', import.meta.url).pathname

/** After the sale: fulfilment, shipping and notification, each its own consumer group on amazon.orders. */
export function createService(config: FulfilmentConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'amazon-fulfilment' })
    const topics = amazonTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const consumers = await consumeOrderPlaced(eventLog, topics, consumerGroups(config.topicPrefix), {
      pool,
      redis,
      keys: redisKeys(config.redisKeyPrefix),
    })
    shutdown.defer(() => consumers.stop())
    return {}
  }, logger)
}
