import type { EventLog } from '@wired/events'
import { createGrpcClient, type GrpcServer, serveGrpc } from '@wired/grpc'
import { LocationServiceClient } from '@wired/proto/uber/v1/location'
import { PricingServiceClient } from '@wired/proto/uber/v1/pricing'
import { RideServiceService } from '@wired/proto/uber/v1/rides'
import type { Logger } from '@wired/runtime'
import type pg from 'pg'
import { connectBackendMqtt, createBackendMqtt } from '../shared/backend-mqtt'
import { type City, createCity } from '../shared/city'
import { topicSpecs } from '../shared/contracts/kafka-topics'
import { MQTT_TOPICS, QOS } from '../shared/contracts/mqtt-topics'
import { createMqttDriverChannel } from './adapters/driver-channel'
import { createOutboxRelay } from './adapters/outbox-relay'
import { createRideRepository } from './adapters/ride-repository'
import type { MatchingConfig } from './config'
import { dispatchRide } from './dispatch'
import { driverActionListener } from './entrypoints/driver-actions'
import { rideServiceHandlers } from './entrypoints/grpc'
import { OfferBook } from './offers'
import { createRides } from './rides'

export interface MatchingDeps {
  pool: pg.Pool
  events: EventLog
  logger: Logger
  city?: City
}

/** The matching service's composition root: the only place that knows the concrete adapters. */
export function createMatchingService(config: MatchingConfig, deps: MatchingDeps) {
  const { pool, events, logger } = deps
  const city = deps.city ?? createCity()
  const repository = createRideRepository(pool)
  const relay = createOutboxRelay(pool, events, logger)
  // Deadlines well under a rider's patience: a slow dependency fails the request instead of hanging it.
  const location = createGrpcClient(LocationServiceClient, config.locationAddress, { deadlineMs: 1_000 })
  const pricing = createGrpcClient(PricingServiceClient, config.pricingAddress, { deadlineMs: 1_000 })
  const mqtt = createBackendMqtt(config.mqtt)
  const drivers = createMqttDriverChannel(mqtt)
  const offers = new OfferBook()
  const stopping = new AbortController()
  const dispatching = new Set<Promise<void>>()

  const dispatch = (rideId: string) => {
    const running: Promise<void> = dispatchRide(
      rideId,
      config.dispatch,
      { city, repository, location, drivers, offers, giveUp: (id) => rides.giveUp(id), logger },
      stopping.signal,
    )
      .catch((error: unknown) => logger.error({ err: error, rideId }, 'dispatch failed'))
      .finally(() => dispatching.delete(running))
    dispatching.add(running)
  }
  const rides = createRides({ city, repository, relay, pricing, drivers, offers, dispatch })
  let grpc: GrpcServer | undefined

  return {
    get grpcAddress() {
      return grpc?.address ?? ''
    },
    async start() {
      await events.createTopics(topicSpecs())
      relay.start()
      await connectBackendMqtt(mqtt, driverActionListener(rides, drivers, logger))
      await mqtt.subscribeAsync(MQTT_TOPICS.allRideActions, { qos: QOS.rideAction })
      grpc = await serveGrpc({
        host: config.host,
        port: config.grpcPort,
        services: [{ definition: RideServiceService, implementation: rideServiceHandlers(rides, repository) }],
        logger,
      })
      // Offers lived in the memory of the previous process: rides it was dispatching start over.
      for (const rideId of await repository.waitingRideIds()) dispatch(rideId)
    },
    async stop() {
      stopping.abort()
      offers.withdrawAll()
      await Promise.allSettled(dispatching)
      await grpc?.stop(2_000)
      await relay.stop()
      await mqtt.endAsync()
      location.close()
      pricing.close()
    },
  }
}
