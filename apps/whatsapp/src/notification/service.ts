import { openServiceDatabase } from '@wired/db'
import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, type ServiceDeps } from '@wired/kit'
import { NotificationServiceService } from '@wired/proto/whatsapp/v1/notification'
import { silentLogger } from '@wired/runtime'
import { NOTIFICATION_SERVICE_CALLERS } from '../shared/callers'
import { PushStore } from './adapters/push-store'
import type { NotificationConfig } from './config'
import { notificationGrpcHandlers } from './entrypoints/notification.grpc'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The notification service: gRPC NotificationService recording pushes in PostgreSQL. */
export function createService(config: NotificationConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const pushes = new PushStore(pool)
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [
        grpcService(NotificationServiceService, notificationGrpcHandlers(pushes), NOTIFICATION_SERVICE_CALLERS),
      ],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
