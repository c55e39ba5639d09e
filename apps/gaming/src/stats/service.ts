import { openServiceDatabase } from '@wired/db'
import { defineService, openEventLog, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { redisKeys } from '../shared/redis-keys'
import { consumerGroups, ensureTopics, gamingTopics } from '../shared/topics'
import { StatsRepository } from './adapters/stats.repository'
import type { StatsConfig } from './config'
import { consumeMatchEvents } from './entrypoints/match-events.consumer'

const migrations = new URL('./migrations', import.meta.url).pathname

/** Player stats: reads gaming.match-events, keeps results and totals in PostgreSQL and the leaderboard in Redis. */
export function createService(config: StatsConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'gaming-stats' })
    const topics = gamingTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const consumer = await consumeMatchEvents(eventLog, topics, consumerGroups(config.topicPrefix), {
      stats: new StatsRepository(pool),
      redis,
      keys: redisKeys(config.redisKeyPrefix),
      logger,
    })
    shutdown.defer(() => consumer.stop())
    return {}
  }, logger)
}
