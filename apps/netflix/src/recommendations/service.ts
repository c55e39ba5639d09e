import { openServiceDatabase } from '@wired/db'
import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, type ServiceDeps } from '@wired/kit'
import { RecommendationServiceService } from '@wired/proto/netflix/v1/recommendations'
import { silentLogger } from '@wired/runtime'
import { RECOMMENDATION_SERVICE_CALLERS } from '../shared/callers'
import { ViewsRepository } from './adapters/views.repository'
import type { RecommendationsConfig } from './config'
import { recommendationGrpcHandlers } from './entrypoints/recommendations.grpc'

const migrations = new URL('./migrations', import.meta.url).pathname

/** Recommendations behind gRPC: "people who watched this also watched", from co-views. */
export function createService(config: RecommendationsConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [
        grpcService(
          RecommendationServiceService,
          recommendationGrpcHandlers(new ViewsRepository(pool)),
          RECOMMENDATION_SERVICE_CALLERS,
        ),
      ],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
