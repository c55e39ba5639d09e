import { openServiceDatabase } from '@wired/db'
import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, openRedis, type ServiceDeps } from '@wired/kit'
import { InventoryServiceService } from '@wired/proto/amazon/v1/checkout'
import { silentLogger } from '@wired/runtime'
import { INVENTORY_SERVICE_CALLERS } from '../shared/callers'
import { CATALOG } from '../shared/catalog'
import { redisKeys } from '../shared/redis-keys'
import { SalesRepository } from './adapters/sales.repository'
import { StockStore } from './adapters/stock.store'
import type { InventoryConfig } from './config'
import { startExpirySweep } from './entrypoints/expiry-sweep'
import { inventoryGrpcHandlers } from './entrypoints/inventory.grpc'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The inventory service: stock in Redis (Lua reserve/confirm/release), sales in PostgreSQL. */
export function createService(config: InventoryConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const stock = new StockStore(redis, redisKeys(config.redisKeyPrefix))
    const sales = new SalesRepository(pool)
    // A fresh Redis (first boot, or a restart that lost its data) starts from PostgreSQL's
    // record: initial stock minus what was sold. Live counters are never overwritten.
    const sold = await sales.sold(CATALOG.map((item) => item.sku))
    for (const item of CATALOG) await stock.stockIfMissing(item.sku, item.initialStock - (sold.get(item.sku) ?? 0))
    shutdown.defer(startExpirySweep(stock, sales, config.sweepEveryMs, logger))
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [
        grpcService(
          InventoryServiceService,
          inventoryGrpcHandlers(stock, sales, { reservationTtlMs: config.reservationTtlMs }),
          INVENTORY_SERVICE_CALLERS,
        ),
      ],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
