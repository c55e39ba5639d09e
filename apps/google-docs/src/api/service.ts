import { openServiceDatabase } from '@wired/db'
import { defineService, openEventLog, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { redisKeys } from '../shared/redis-keys'
import { consumerGroups, createDocsTopics, docsTopics } from '../shared/topics'
import { AccountStore } from './adapters/account-store'
import { DocumentStore } from './adapters/document-store'
import { HistoryStore } from './adapters/history-store'
import type { ApiConfig } from './config'
import { buildApiApp } from './entrypoints/http-app'
import { consumeOps } from './entrypoints/ops.consumer'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The REST api (accounts, documents, sharing, versions) and the op-log consumer behind versions. */
export function createService(config: ApiConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'google-docs-api' })
    await createDocsTopics(eventLog, config.topicPrefix)

    const history = new HistoryStore(pool, config.snapshotEvery)
    const subscription = await consumeOps(eventLog, {
      topic: docsTopics(config.topicPrefix).ops,
      groupId: consumerGroups(config.topicPrefix).history,
      history,
      logger,
    })
    shutdown.defer(() => subscription.stop())

    const app = await buildApiApp({
      accounts: new AccountStore(pool),
      documents: new DocumentStore(pool, redis, redisKeys(config.redisKeyPrefix)),
      history,
      tokenSecret: config.tokenSecret,
      tokenTtlMs: config.tokenTtlMs,
      allowedOrigins: config.allowedOrigins,
      rateLimitPerMinute: config.rateLimitPerMinute,
      logger,
      wireCollectorUrl: config.wireCollectorUrl,
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
