import type { EventLog } from '@wired/events'
import { type GrpcServer, serveGrpc } from '@wired/grpc'
import { createHttpServer } from '@wired/http'
import { LocationServiceService } from '@wired/proto/uber/v1/location'
import type { RedisClient } from '@wired/redis'
import type { Logger } from '@wired/runtime'
import type { WsGateway } from '@wired/ws'
import { createTokenIssuer } from '../shared/auth/tokens'
import { connectBackendMqtt, createBackendMqtt } from '../shared/backend-mqtt'
import { type City, createCity } from '../shared/city'
import { topicSpecs } from '../shared/contracts/kafka-topics'
import { MQTT_TOPICS, QOS } from '../shared/contracts/mqtt-topics'
import { createDispatchBridge } from './adapters/dispatch-bridge'
import { createKafkaLocationHistory } from './adapters/kafka-location-history'
import { createRedisDriverIndex } from './adapters/redis-driver-index'
import type { LocationConfig } from './config'
import { openDriverSocket } from './entrypoints/driver-socket'
import { locationHandlers } from './entrypoints/grpc'
import { serveMetrics } from './entrypoints/metrics'
import { driverFeedListener } from './entrypoints/mqtt-ingest'
import { IngestPipeline } from './ingest-pipeline'

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
      await mqtt.subscribeAsync({
        [MQTT_TOPICS.allLocations]: { qos: QOS.location },
        [MQTT_TOPICS.allStatuses]: { qos: QOS.status },
      })
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
        onDisconnect: (driverId) => takeOffline([driverId]),
        logger,
      })
      grpc = await serveGrpc({
        host: config.host,
        port: config.grpcPort,
        services: [{ definition: LocationServiceService, implementation: locationHandlers(index) }],
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
