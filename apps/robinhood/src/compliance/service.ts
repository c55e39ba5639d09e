import { openServiceDatabase } from '@wired/db'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { consumerGroups, ensureTopics, robinhoodTopics } from '../shared/topics'
import { AuditRepository } from './adapters/audit.repository'
import type { ComplianceConfig } from './config'
import { consumeForAudit } from './entrypoints/audit.consumer'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The compliance service: an audit log of every order and execution, in PostgreSQL. */
export function createService(config: ComplianceConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, {
      brokers: config.kafkaBrokers,
      clientId: 'robinhood-compliance',
    })
    const topics = robinhoodTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const consumer = await consumeForAudit(
      eventLog,
      { topics: [topics.orders, topics.executions], groupId: consumerGroups(config.topicPrefix).compliance },
      new AuditRepository(pool),
    )
    shutdown.defer(() => consumer.stop())
    return {}
  }, logger)
}
