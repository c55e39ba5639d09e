import { openServiceDatabase } from '@wired/db'
import { defineService, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { connectInventory, connectOrders } from '../shared/clients'
import { customerTokens } from '../shared/customer-token'
import { redisKeys } from '../shared/redis-keys'
import { CatalogRepository } from './adapters/catalog.repository'
import { seedCatalog } from './adapters/catalog-seed'
import type { ApiConfig } from './config'
import { buildApiApp } from './entrypoints/http-app'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The shop's edge: the catalogue (REST and GraphQL), cart, checkout and tracking, and the pages. */
export function createService(config: ApiConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    await seedCatalog(pool)
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const caller = { name: 'api', secret: config.grpcSecret }
    const orders = connectOrders(config.ordersAddress, caller)
    const inventory = connectInventory(config.inventoryAddress, caller)
    shutdown.defer(() => {
      orders.close()
      inventory.close()
    })
    const app = await buildApiApp({
      catalog: new CatalogRepository(pool),
      orders,
      inventory,
      redis,
      keys: redisKeys(config.redisKeyPrefix),
      tokens: customerTokens(config.grpcSecret),
      logger,
      config,
    })
    app.addReadinessCheck('postgres', async () => {
      await pool.query('SELECT 1')
    })
    await app.listen({ host: config.bindHost, port: config.httpPort })
    shutdown.defer(() => app.close())
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.httpPort
    return { http: `http://${config.bindHost}:${port}` }
  }, logger)
}
