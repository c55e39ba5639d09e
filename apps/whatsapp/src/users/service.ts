import { openServiceDatabase } from '@wired/db'
import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, openRedis, type ServiceDeps } from '@wired/kit'
import { UserServiceService } from '@wired/proto/whatsapp/v1/users'
import { silentLogger } from '@wired/runtime'
import { USER_SERVICE_CALLERS } from '../shared/callers'
import { SIGNED_OUT_CHANNEL } from '../shared/redis-keys'
import { hashToken } from '../shared/session-token'
import { ConversationStore } from './adapters/conversation-store'
import { seedDemoUsers } from './adapters/demo-seed'
import { UserStore } from './adapters/user-store'
import type { UsersConfig } from './config'
import { userGrpcHandlers } from './entrypoints/user.grpc'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The user/group service: PostgreSQL behind a gRPC API (UserService). */
export function createService(config: UsersConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const users = new UserStore(pool)
    const conversations = new ConversationStore(pool)
    if (config.seedDemo) await seedDemoUsers(users, conversations)
    const redis = openRedis(deps, shutdown, config.redisUrl)
    // The session is gone from the table already: a failed announcement only leaves the open
    // sockets of that session to their expiry timer, so it is logged, not returned to the client.
    const announceSignOut = (token: string) =>
      redis
        .publish(SIGNED_OUT_CHANNEL, hashToken(token))
        .then(() => undefined)
        .catch((error: unknown) => logger.warn({ err: error }, 'sign-out not announced to the gateways'))
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [
        grpcService(
          UserServiceService,
          userGrpcHandlers(users, conversations, config.sessionTtlSeconds, announceSignOut),
          USER_SERVICE_CALLERS,
        ),
      ],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
