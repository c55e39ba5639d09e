import type { EventLog, Subscription } from '@wired/events'
import { type GrpcServer, grpcService, serveGrpc } from '@wired/grpc'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { PricingServiceService } from '@wired/proto/uber/v1/pricing'
import type { Logger } from '@wired/runtime'
import { silentLogger } from '@wired/runtime'
import { PRICING_SERVICE_CALLERS } from '../shared/callers'
import { type City, createCity } from '../shared/city'
import { topicSpecs } from '../shared/kafka-topics'
import type { PricingConfig } from './config'
import { SurgeBoard } from './domain/surge'
import { pricingHandlers } from './entrypoints/pricing.grpc'
import { consumeSurgeInputs } from './entrypoints/surge.consumer'

export interface PricingDeps {
  events: EventLog
  logger: Logger
  city?: City
}

export function createPricingService(config: PricingConfig, deps: PricingDeps) {
  const city = deps.city ?? createCity()
  const board = new SurgeBoard(config.surge)
  let grpc: GrpcServer | undefined
  let surgeInputs: Subscription | undefined

  return {
    get grpcAddress() {
      return grpc?.address ?? ''
    },
    async start() {
      await deps.events.createTopics(topicSpecs())
      surgeInputs = await consumeSurgeInputs(deps.events, config.surgeGroupId, board, city)
      grpc = await serveGrpc({
        host: config.host,
        port: config.grpcPort,
        services: [grpcService(PricingServiceService, pricingHandlers(board, city), PRICING_SERVICE_CALLERS)],
        secret: config.grpcSecret,
        logger: deps.logger,
      })
    },
    async stop() {
      await grpc?.stop(2_000)
      await surgeInputs?.stop()
    },
  }
}

/**
 * The service as every Wired service is built: it opens its own Kafka, Redis and database
 * clients from config (or takes the embedded mode's twins from deps) and closes them at stop().
 */
export function createService(config: PricingConfig, deps: ServiceDeps & { city?: City } = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const events = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'uber-pricing' })
    const service = createPricingService(config, { events, logger, city: deps.city })
    await service.start()
    shutdown.defer(() => service.stop())
    return { grpc: service.grpcAddress }
  }, logger)
}
