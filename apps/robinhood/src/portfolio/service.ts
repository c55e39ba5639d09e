import { openServiceDatabase } from '@wired/db'
import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { PortfolioServiceService } from '@wired/proto/robinhood/v1/orders'
import { silentLogger } from '@wired/runtime'
import { PORTFOLIO_SERVICE_CALLERS } from '../shared/callers'
import { consumerGroups, ensureTopics, robinhoodTopics } from '../shared/topics'
import { AccountRepository } from './adapters/account.repository'
import { HoldingsRepository } from './adapters/holdings.repository'
import type { PortfolioConfig } from './config'
import { consumeExecutions } from './entrypoints/executions.consumer'
import { portfolioGrpcHandlers } from './entrypoints/portfolio.grpc'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The portfolio service: accounts, cash, positions and holds in PostgreSQL, behind gRPC and fed by executions. */
export function createService(config: PortfolioConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, {
      brokers: config.kafkaBrokers,
      clientId: 'robinhood-portfolio',
    })
    const topics = robinhoodTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const holdings = new HoldingsRepository(pool)

    const consumer = await consumeExecutions(
      eventLog,
      { topic: topics.executions, groupId: consumerGroups(config.topicPrefix).portfolio },
      holdings,
      logger,
    )
    shutdown.defer(() => consumer.stop())
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [
        grpcService(
          PortfolioServiceService,
          portfolioGrpcHandlers(new AccountRepository(pool), holdings, config.startingCashCents),
          PORTFOLIO_SERVICE_CALLERS,
        ),
      ],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
