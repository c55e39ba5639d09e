import { openServiceDatabase } from '@wired/db'
import { createOutboxRelay } from '@wired/db/outbox'
import { defineService, openEventLog, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { marketKeys } from '../shared/market-feed'
import { consumerGroups, ensureTopics, OrderCancelledEvent, OrderFilledEvent, robinhoodTopics } from '../shared/topics'
import { ExecutionRepository } from './adapters/execution.repository'
import { RestingBook } from './adapters/resting-book'
import type { EngineConfig } from './config'
import { consumeOrders } from './entrypoints/orders.consumer'
import { subscribeToTicks } from './entrypoints/ticks.subscriber'
import { type EngineDeps, onTick } from './use-cases/execute-orders'

const migrations = new URL('./migrations', import.meta.url).pathname
/** Advisory locks are per database, which every service shares: each relay has its own key. */
const RELAY_LOCK_KEY = 404_002

/** The trade engine: reads the order log, executes at the last price, announces executions. */
export function createService(config: EngineConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'robinhood-engine' })
    const topics = robinhoodTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const subscriber = redis.duplicate()
    shutdown.defer(() => subscriber.quit())
    const keys = marketKeys(config.redisKeyPrefix)

    const executions = new ExecutionRepository(pool, topics)
    const book = new RestingBook()
    for (const order of await executions.openResting()) book.add(order)
    const relay = createOutboxRelay(pool, eventLog, {
      lockKey: RELAY_LOCK_KEY,
      types: [OrderFilledEvent, OrderCancelledEvent],
      logger,
      pollMs: config.outboxPollMs,
    })
    // Executions decided before a crash but not yet on Kafka go out first.
    relay.start()
    shutdown.defer(() => relay.stop())
    const engine: EngineDeps = {
      executions,
      book,
      relay,
      logger,
      async lastPrice(symbol) {
        const cents = await redis.hget(keys.lastPrices, symbol)
        return cents === null ? undefined : Number(cents)
      },
    }
    await subscribeToTicks(
      subscriber,
      keys,
      (symbol, price) => onTick(engine, symbol, price),
      logger,
      () => book.size > 0,
    )
    const consumer = await consumeOrders(
      eventLog,
      { topic: topics.orders, groupId: consumerGroups(config.topicPrefix).engine },
      engine,
    )
    shutdown.defer(() => consumer.stop())
    return {}
  }, logger)
}
