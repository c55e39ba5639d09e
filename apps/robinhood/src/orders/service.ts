import { openServiceDatabase } from '@wired/db'
import { createOutboxRelay } from '@wired/db/outbox'
import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { OrderServiceService } from '@wired/proto/robinhood/v1/orders'
import { silentLogger } from '@wired/runtime'
import { ORDER_SERVICE_CALLERS } from '../shared/callers'
import { connectPortfolio, connectRisk } from '../shared/clients'
import { CancelRequestedEvent, consumerGroups, ensureTopics, OrderPlacedEvent, robinhoodTopics } from '../shared/topics'
import { OrderRepository } from './adapters/order.repository'
import type { OrdersConfig } from './config'
import { consumeExecutionsForOrderStates } from './entrypoints/executions.consumer'
import { orderGrpcHandlers } from './entrypoints/order.grpc'
import { sweepStuckOrders } from './use-cases/sweep-stuck-orders'

const migrations = new URL('./migrations', import.meta.url).pathname
/** Advisory locks are per database, which every service shares: each relay has its own key. */
const RELAY_LOCK_KEY = 404_001

/** The order service: the trade path's front (risk → hold → accept) and the order log's producer. */
export function createService(config: OrdersConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'robinhood-orders' })
    const topics = robinhoodTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const orders = new OrderRepository(pool, topics)
    const caller = { name: 'orders', secret: config.grpcSecret }
    const risk = connectRisk(config.riskAddress, caller)
    const portfolio = connectPortfolio(config.portfolioAddress, caller)
    shutdown.defer(() => {
      risk.close()
      portfolio.close()
    })

    const relay = createOutboxRelay(pool, eventLog, {
      lockKey: RELAY_LOCK_KEY,
      types: [OrderPlacedEvent, CancelRequestedEvent],
      logger,
      pollMs: config.outboxPollMs,
    })
    relay.start()
    shutdown.defer(() => relay.stop())
    const sweep = setInterval(() => {
      sweepStuckOrders(orders, portfolio, config.stuckOrderGraceMs, logger).catch((error: unknown) =>
        logger.warn({ err: error }, 'stuck-order sweep failed; next round retries'),
      )
    }, config.stuckOrderGraceMs / 3)
    shutdown.defer(() => clearInterval(sweep))

    const consumer = await consumeExecutionsForOrderStates(
      eventLog,
      { topic: topics.executions, groupId: consumerGroups(config.topicPrefix).orderStates },
      orders,
      logger,
    )
    shutdown.defer(() => consumer.stop())
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [
        grpcService(
          OrderServiceService,
          orderGrpcHandlers({ orders, risk, portfolio, relay }, orders, relay),
          ORDER_SERVICE_CALLERS,
        ),
      ],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
