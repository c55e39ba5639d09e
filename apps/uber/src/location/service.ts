import type { EventLog } from '@wired/events'
import { type GrpcServer, grpcService, serveGrpc } from '@wired/grpc'
import { createHttpServer } from '@wired/http'
import { defineService, openEventLog, openRedis, type ServiceDeps } from '@wired/kit'
import { LocationServiceService } from '@wired/proto/uber/v1/location'
import type { RedisClient } from '@wired/redis'
import type { Logger } from '@wired/runtime'
import { silentLogger } from '@wired/runtime'
import type { WsGateway } from '@wired/ws'
import { createTokenIssuer } from '../shared/auth/tokens'
import { connectBackendMqtt, createBackendMqtt } from '../shared/backend-mqtt'
import { LOCATION_SERVICE_CALLERS } from '../shared/callers'
import { type City, createCity } from '../shared/city'
import { topicSpecs } from '../shared/kafka-topics'
import { MQTT_TOPICS, QOS } from '../shared/mqtt-topics'
import { createDispatchBridge } from './adapters/dispatch-bridge'
import { createKafkaLocationHistory } from './adapters/kafka-location-history'
import { createRedisDriverIndex } from './adapters/redis-driver-index'
import type { LocationConfig } from './config'
import { openDriverSocket } from './entrypoints/driver.gateway'
import { driverFeedListener } from './entrypoints/driver-feed.consumer'
import { locationHandlers } from './entrypoints/location.grpc'
import { serveMetrics } from './entrypoints/metrics.routes'
import { IngestPipeline } from './use-cases/ingest-fixes'

export interface LocationDeps {
  redis: RedisClient
  events: EventLog
  logger: Logger
  city?: City
}

/** The location service's composition root. */
export function createLocationService(config: LocationConfig, deps: LocationDeps) {
  const { logger } = deps
  const city = deps.city ?? createCity()
  const index = createRedisDriverIndex(deps.redis, config.redisKeyPrefix)
  const pipeline = new IngestPipeline(index, createKafkaLocationHistory(deps.events), logger)
  const mqtt = createBackendMqtt(config.mqtt)
  const bridge = createDispatchBridge(mqtt, logger)
  const http = createHttpServer({ name: 'location', logger, rateLimit: false })
  const takeOffline = (driverIds: string[]) => {
    for (const driverId of driverIds) pipeline.forget(driverId)
    index.remove(driverIds).catch((error: unknown) => logger.warn({ err: error }, 'could not remove drivers'))
  }
  const feed = driverFeedListener({
    city,
    pipeline,
    onOffline: (driverId) => takeOffline([driverId]),
    reportError: bridge.reportError,
  })
  let grpc: GrpcServer | undefined
  let sockets: WsGateway<unknown> | undefined
  let sweeper: NodeJS.Timeout | undefined

  async function sweepSilentDrivers() {
    const silent = await index.silentSince(Date.now() - config.staleAfterMs)
    if (silent.length > 0) {
      logger.info({ drivers: silent }, 'silent drivers taken out of matching')
      takeOffline(silent)
    }
  }

  return {
    pipeline,
    get grpcAddress() {
      return grpc?.address ?? ''
    },
    get httpUrl() {
      const address = http.server.address()
      return typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
    },
    async start() {
      await deps.events.createTopics(topicSpecs())
      await connectBackendMqtt(mqtt, (topic, payload) => {
        feed(topic, payload)
        bridge.listener(topic, payload)
      })
      // Earlier versions subscribed to drivers/+/location and drivers/+/status; a persistent
      // session keeps such filters, and overlapping ones would deliver every fix twice.
      await mqtt.unsubscribeAsync([MQTT_TOPICS.allLocations, MQTT_TOPICS.allStatuses])
      await mqtt.subscribeAsync(MQTT_TOPICS.allDriverTopics, { qos: QOS.location })
      await bridge.subscribe()
      serveMetrics(http, () => pipeline)
      await http.listen({ port: config.httpPort, host: config.host })
      sockets = openDriverSocket({
        server: http.server,
        tokens: createTokenIssuer(config.authSecret),
        allowedOrigins: config.allowedOrigins,
        city,
        pipeline,
        bridge,
        // A socket has no broker to publish its will: this service publishes it, for matching.
        onDisconnect: (driverId) => {
          takeOffline([driverId])
          bridge.announceOffline(driverId)
        },
        logger,
      })
      grpc = await serveGrpc({
        host: config.host,
        port: config.grpcPort,
        services: [grpcService(LocationServiceService, locationHandlers(index), LOCATION_SERVICE_CALLERS)],
        secret: config.grpcSecret,
        logger,
      })
      const every = Math.max(250, Math.floor(config.staleAfterMs / 3))
      sweeper = setInterval(
        () => sweepSilentDrivers().catch((error) => logger.warn({ err: error }, 'sweep failed')),
        every,
      )
    },
    async stop() {
      clearInterval(sweeper)
      await sockets?.close()
      await http.close()
      await grpc?.stop(2_000)
      // Disconnect first (the broker starts queueing for our persistent session), then drain.
      await mqtt.endAsync()
      await pipeline.flush()
    },
  }
}

/**
 * The service as every Wired service is built: it opens its own Kafka, Redis and database
 * clients from config (or takes the embedded mode's twins from deps) and closes them at stop().
 */
export function createService(config: LocationConfig, deps: ServiceDeps & { city?: City } = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const events = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'uber-location' })
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const service = createLocationService(config, { events, redis, logger, city: deps.city })
    await service.start()
    shutdown.defer(() => service.stop())
    return { grpc: service.grpcAddress, http: service.httpUrl }
  }, logger)
}
