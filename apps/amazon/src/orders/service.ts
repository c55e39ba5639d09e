import { openServiceDatabase } from '@wired/db'
import { createOutboxRelay } from '@wired/db/outbox'
import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { OrderServiceService } from '@wired/proto/amazon/v1/checkout'
import { silentLogger } from '@wired/runtime'
import { ORDER_SERVICE_CALLERS } from '../shared/callers'
import { connectInventory, connectPayment, connectPricing } from '../shared/clients'
import { amazonTopics, ensureTopics, OrderPlacedEvent } from '../shared/topics'
import { OrderRepository } from './adapters/order.repository'
import type { OrdersConfig } from './config'
import { orderGrpcHandlers } from './entrypoints/order.grpc'

const migrations = new URL('./migrations', import.meta.url).pathname
/** Advisory locks are per database: the relay's own key. */
const RELAY_LOCK_KEY = 606_001

/** The order service: the checkout path's front (price → reserve → pay → confirm) and amazon.orders' producer. */
export function createService(config: OrdersConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'amazon-orders' })
    const topics = amazonTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const orders = new OrderRepository(pool, topics)
    const caller = { name: 'orders', secret: config.grpcSecret }
    const inventory = connectInventory(config.inventoryAddress, caller)
    const pricing = connectPricing(config.pricingAddress, caller)
    const payment = connectPayment(config.paymentAddress, caller, config.paymentDeadlineMs)
    shutdown.defer(() => {
      inventory.close()
      pricing.close()
      payment.close()
    })
    const relay = createOutboxRelay(pool, eventLog, {
      lockKey: RELAY_LOCK_KEY,
      types: [OrderPlacedEvent],
      logger,
      pollMs: config.outboxPollMs,
    })
    relay.start()
    shutdown.defer(() => relay.stop())
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [
        grpcService(
          OrderServiceService,
          orderGrpcHandlers(
            {
              orders,
              inventory,
              pricing,
              payment,
              relay,
              logger,
              inventoryRetry: { forMs: config.inventoryRetryMs, everyMs: 200 },
            },
            orders,
          ),
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
