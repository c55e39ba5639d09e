import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, type ServiceDeps } from '@wired/kit'
import { PricingServiceService } from '@wired/proto/amazon/v1/checkout'
import { silentLogger } from '@wired/runtime'
import { PRICING_SERVICE_CALLERS } from '../shared/callers'
import type { PricingConfig } from './config'
import { pricingGrpcHandlers } from './entrypoints/pricing.grpc'

/** The pricing service: stateless quotes from the catalogue, behind gRPC. */
export function createService(config: PricingConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [grpcService(PricingServiceService, pricingGrpcHandlers(), PRICING_SERVICE_CALLERS)],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
