import { fileURLToPath } from 'node:url'
import { serveGrpc } from '@wired/grpc'
import { UserServiceService } from '@wired/proto/whatsapp/v1/users'
import { type Logger, silentLogger } from '@wired/runtime'
import { openServiceDatabase } from '../shared/database'
import { type Service, Shutdown } from '../shared/service'
import { ConversationStore } from './adapters/conversation-store'
import { seedDemoUsers } from './adapters/demo-seed'
import { UserStore } from './adapters/user-store'
import type { UsersConfig } from './config'
import { userGrpcHandlers } from './entrypoints/user-grpc'

const migrations = fileURLToPath(new URL('./migrations', import.meta.url))

/** The user/group service: PostgreSQL behind a gRPC API (UserService). */
export function createUsersService(
  config: UsersConfig,
  deps: { logger?: Logger } = {},
): Service<{ grpcAddress: string }> {
  const logger = deps.logger ?? silentLogger
  const shutdown = new Shutdown(logger)
  return {
    async start() {
      const pool = await openServiceDatabase(config.databaseUrl, config.databaseSchema, migrations, {
        logger,
        maxConnections: config.databaseConnections,
      })
      shutdown.defer(() => pool.end())
      const users = new UserStore(pool)
      const conversations = new ConversationStore(pool)
      if (config.seedDemo) await seedDemoUsers(users, conversations)
      const grpc = await serveGrpc({
        host: config.grpcHost,
        port: config.grpcPort,
        services: [{ definition: UserServiceService, implementation: userGrpcHandlers(users, conversations) }],
        logger,
      })
      shutdown.defer(() => grpc.stop())
      return { grpcAddress: grpc.address }
    },
    stop: () => shutdown.run(),
  }
}
