import type { EventLog } from '@wired/events'
import { createGrpcClient, type GrpcServer, grpcService, serveGrpc } from '@wired/grpc'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { LocationServiceClient } from '@wired/proto/uber/v1/location'
import { PricingServiceClient } from '@wired/proto/uber/v1/pricing'
import { RideServiceService } from '@wired/proto/uber/v1/rides'
import type { Logger } from '@wired/runtime'
import { silentLogger } from '@wired/runtime'
import type pg from 'pg'
import { connectBackendMqtt, createBackendMqtt } from '../shared/backend-mqtt'
import { RIDE_SERVICE_CALLERS } from '../shared/callers'
import { type City, createCity } from '../shared/city'
import { openUberDatabase } from '../shared/database'
import { topicSpecs } from '../shared/kafka-topics'
import { MQTT_TOPICS, QOS } from '../shared/mqtt-topics'
import { createDispatchProgressPublisher } from './adapters/dispatch-progress'
import { createMqttDriverChannel } from './adapters/driver-channel'
import { createOutboxRelay } from './adapters/outbox-relay'
import { createRideRepository } from './adapters/ride-repository'
import type { MatchingConfig } from './config'
import { driverActionListener } from './entrypoints/driver-actions.consumer'
import { driverStatusListener } from './entrypoints/driver-status.consumer'
import { rideServiceHandlers } from './entrypoints/ride.grpc'
import { dispatchRide } from './use-cases/dispatch'
import { DriverDepartures, OfferBook } from './use-cases/offers'
import { createRides } from './use-cases/rides'

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
  const caller = { name: 'matching', secret: config.grpcSecret }
  const location = createGrpcClient(LocationServiceClient, config.locationAddress, { deadlineMs: 1_000, caller })
  const pricing = createGrpcClient(PricingServiceClient, config.pricingAddress, { deadlineMs: 1_000, caller })
  const mqtt = createBackendMqtt(config.mqtt)
  const drivers = createMqttDriverChannel(mqtt)
  const offers = new OfferBook()
  const departures = new DriverDepartures()
  const progress = createDispatchProgressPublisher(events, logger)
  const stopping = new AbortController()
  const dispatching = new Set<Promise<void>>()

  const dispatch = (rideId: string) => {
    const running: Promise<void> = dispatchRide(
      rideId,
      config.dispatch,
      { city, repository, location, drivers, offers, departures, progress, giveUp: (id) => rides.giveUp(id), logger },
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
      const actions = driverActionListener(rides, drivers, logger)
      const statuses = driverStatusListener(offers, departures)
      await connectBackendMqtt(mqtt, (topic, payload) => {
        actions(topic, payload)
        statuses(topic, payload)
      })
      await mqtt.subscribeAsync({
        [MQTT_TOPICS.allRideActions]: { qos: QOS.rideAction },
        [MQTT_TOPICS.allStatuses]: { qos: QOS.status },
      })
      grpc = await serveGrpc({
        host: config.host,
        port: config.grpcPort,
        services: [grpcService(RideServiceService, rideServiceHandlers(rides, repository), RIDE_SERVICE_CALLERS)],
        secret: config.grpcSecret,
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

/**
 * The service as every Wired service is built: it opens its own Kafka, Redis and database
 * clients from config (or takes the embedded mode's twins from deps) and closes them at stop().
 */
export function createService(config: MatchingConfig, deps: ServiceDeps & { city?: City } = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const pool = await openUberDatabase(config.databaseUrl, logger, shutdown)
    const events = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'uber-matching' })
    const service = createMatchingService(config, { pool, events, logger, city: deps.city })
    await service.start()
    shutdown.defer(() => service.stop())
    return { grpc: service.grpcAddress }
  }, logger)
}
