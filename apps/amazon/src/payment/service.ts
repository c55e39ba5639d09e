import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, type ServiceDeps } from '@wired/kit'
import { PaymentServiceService } from '@wired/proto/amazon/v1/checkout'
import { silentLogger } from '@wired/runtime'
import { PAYMENT_SERVICE_CALLERS } from '../shared/callers'
import type { PaymentConfig } from './config'
import { paymentGrpcHandlers } from './entrypoints/payment.grpc'

/** The payment service: a simulated card processor (declines, timeouts), behind gRPC. */
export function createService(config: PaymentConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [
        grpcService(
          PaymentServiceService,
          paymentGrpcHandlers({ declineRate: config.declinePerMille / 1000, hangMs: config.hangMs }),
          PAYMENT_SERVICE_CALLERS,
        ),
      ],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
