import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, openRedis, type ServiceDeps } from '@wired/kit'
import { RiskServiceService } from '@wired/proto/robinhood/v1/orders'
import { silentLogger } from '@wired/runtime'
import { RISK_SERVICE_CALLERS } from '../shared/callers'
import { marketKeys } from '../shared/market-feed'
import type { RiskConfig } from './config'
import { riskGrpcHandlers } from './entrypoints/risk.grpc'

/** The risk service: stateless pre-trade checks against the last price in Redis, behind gRPC. */
export function createService(config: RiskConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [
        grpcService(
          RiskServiceService,
          riskGrpcHandlers(redis, marketKeys(config.redisKeyPrefix)),
          RISK_SERVICE_CALLERS,
        ),
      ],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
