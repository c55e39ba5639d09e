import { fileURLToPath } from 'node:url'
import { serveGrpc } from '@wired/grpc'
import { NotificationServiceService } from '@wired/proto/whatsapp/v1/notification'
import { type Logger, silentLogger } from '@wired/runtime'
import { openServiceDatabase } from '../shared/database'
import { type Service, Shutdown } from '../shared/service'
import { PushStore } from './adapters/push-store'
import type { NotificationConfig } from './config'
import { notificationGrpcHandlers } from './entrypoints/notification-grpc'

const migrations = fileURLToPath(new URL('./migrations', import.meta.url))

/** The notification service: gRPC NotificationService recording pushes in PostgreSQL. */
export function createNotificationService(
  config: NotificationConfig,
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
      const grpc = await serveGrpc({
        host: config.grpcHost,
        port: config.grpcPort,
        services: [
          { definition: NotificationServiceService, implementation: notificationGrpcHandlers(new PushStore(pool)) },
        ],
        logger,
      })
      shutdown.defer(() => grpc.stop())
      return { grpcAddress: grpc.address }
    },
    stop: () => shutdown.run(),
  }
}
