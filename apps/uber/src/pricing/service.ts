import type { EventLog, Subscription } from '@wired/events'
import { type GrpcServer, serveGrpc } from '@wired/grpc'
import { PricingServiceService } from '@wired/proto/uber/v1/pricing'
import type { Logger } from '@wired/runtime'
import { type City, createCity } from '../shared/city'
import { topicSpecs } from '../shared/contracts/kafka-topics'
import type { PricingConfig } from './config'
import { SurgeBoard } from './domain/surge'
import { pricingHandlers } from './entrypoints/grpc'
import { consumeSurgeInputs } from './entrypoints/surge-consumer'

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
        services: [{ definition: PricingServiceService, implementation: pricingHandlers(board, city) }],
        logger: deps.logger,
      })
    },
    async stop() {
      await grpc?.stop(2_000)
      await surgeInputs?.stop()
    },
  }
}
