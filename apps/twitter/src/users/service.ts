import { openServiceDatabase } from '@wired/db'
import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { UserServiceService } from '@wired/proto/twitter/v1/users'
import { silentLogger } from '@wired/runtime'
import { USER_SERVICE_CALLERS } from '../shared/callers'
import { ensureTopics, twitterTopics } from '../shared/topics'
import { followEventPublisher } from './adapters/follow-events'
import { UserStore } from './adapters/user-store'
import type { UsersConfig } from './config'
import { userGrpcHandlers } from './entrypoints/user.grpc'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The user service: accounts, sessions and the follow graph in PostgreSQL behind gRPC. */
export function createService(config: UsersConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'twitter-users' })
    const topics = twitterTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const handlers = userGrpcHandlers(
      new UserStore(pool),
      config.sessionTtlSeconds,
      followEventPublisher(eventLog, topics.follows),
    )
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [grpcService(UserServiceService, handlers, USER_SERVICE_CALLERS)],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
