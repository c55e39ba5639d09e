import { openServiceDatabase } from '@wired/db'
import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, type ServiceDeps } from '@wired/kit'
import { UserServiceService } from '@wired/proto/whatsapp/v1/users'
import { silentLogger } from '@wired/runtime'
import { USER_SERVICE_CALLERS } from '../shared/callers'
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
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [
        grpcService(
          UserServiceService,
          userGrpcHandlers(users, conversations, config.sessionTtlSeconds),
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
