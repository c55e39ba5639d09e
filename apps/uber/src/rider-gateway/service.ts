import type { EventLog, Subscription } from '@wired/events'
import { createGrpcClient } from '@wired/grpc'
import { createHttpServer, serveWirePanel } from '@wired/http'
import { defineService, openEventLog, openRedis, type ServiceDeps } from '@wired/kit'
import { LocationServiceClient } from '@wired/proto/uber/v1/location'
import { RideServiceClient } from '@wired/proto/uber/v1/rides'
import type { RedisClient } from '@wired/redis'
import type { Logger } from '@wired/runtime'
import { silentLogger } from '@wired/runtime'
import type { WsGateway } from '@wired/ws'
import { createTokenIssuer } from '../shared/auth/tokens'
import { type City, createCity } from '../shared/city'
import { topicSpecs } from '../shared/kafka-topics'
import { createDriverPositionFeed } from './adapters/driver-positions'
import type { RiderGatewayConfig } from './config'
import { consumeRideLifecycle } from './entrypoints/lifecycle.consumer'
import { openRiderSocket } from './entrypoints/rider.gateway'
import { serveWeb } from './entrypoints/web.routes'
import { RiderSessions } from './use-cases/watch-rides'

export interface RiderGatewayDeps {
  events: EventLog
  /** Used only to open a dedicated subscriber connection (duplicate()). */
  redis: RedisClient
  logger: Logger
  city?: City
}

const NEARBY_RADIUS_METRES = 2_500
const NEARBY_LIMIT = 60

export function createRiderGatewayService(config: RiderGatewayConfig, deps: RiderGatewayDeps) {
  const { logger } = deps
  const city = deps.city ?? createCity()
  const caller = { name: 'rider-gateway', secret: config.grpcSecret }
  const rides = createGrpcClient(RideServiceClient, config.rideAddress, { deadlineMs: 2_000, caller })
  const location = createGrpcClient(LocationServiceClient, config.locationAddress, { deadlineMs: 500, caller })
  const riders = new RiderSessions(city, location, logger)
  const subscriber = deps.redis.duplicate()
  riders.attachFeed(
    createDriverPositionFeed(subscriber, config.redisKeyPrefix, (fix) => riders.onPosition(fix), logger),
  )
  const http = createHttpServer({ name: 'rider-gateway', logger, rateLimit: false })
  let sockets: WsGateway<unknown> | undefined
  let lifecycle: Subscription | undefined
  let ticker: NodeJS.Timeout | undefined
  let sendingNearby = false

  async function sendNearby() {
    if (sendingNearby) return // a slow round skips a beat rather than piling up
    sendingNearby = true
    try {
      await Promise.all(
        riders.nearbyCenters().map(async ([riderId, center]) => {
          const { drivers } = await location.nearbyDrivers({
            center,
            radiusMetres: NEARBY_RADIUS_METRES,
            limit: NEARBY_LIMIT,
          })
          riders.sendTo(riderId, {
            type: 'nearby',
            drivers: drivers.map((driver) => ({ driverId: driver.driverId, ...driver.position })),
          })
        }),
      )
    } catch (error) {
      logger.warn({ err: error }, 'nearby drivers unavailable')
    } finally {
      sendingNearby = false
    }
  }

  return {
    get url() {
      const address = http.server.address()
      return typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
    },
    async start() {
      await deps.events.createTopics(topicSpecs())
      lifecycle = await consumeRideLifecycle(deps.events, config.lifecycleGroupId, riders)
      await serveWeb(http, city, {
        apiUrl: config.apiPublicUrl,
        driverSocketUrl: config.driverSocketPublicUrl,
        simSpeedup: config.simSpeedup,
      })
      serveWirePanel(http, config.wireCollectorUrl)
      await http.listen({ port: config.httpPort, host: config.host })
      sockets = openRiderSocket({
        server: http.server,
        tokens: createTokenIssuer(config.authSecret),
        allowedOrigins: config.allowedOrigins,
        rides,
        riders,
        logger,
      })
      ticker = setInterval(() => void sendNearby(), config.nearbyEveryMs)
    },
    async stop() {
      clearInterval(ticker)
      await sockets?.close()
      await http.close()
      await lifecycle?.stop()
      subscriber.disconnect()
      rides.close()
      location.close()
    },
  }
}

/**
 * The service as every Wired service is built: it opens its own Kafka, Redis and database
 * clients from config (or takes the embedded mode's twins from deps) and closes them at stop().
 */
export function createService(config: RiderGatewayConfig, deps: ServiceDeps & { city?: City } = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const events = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'uber-rider-gateway' })
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const service = createRiderGatewayService(config, { events, redis, logger, city: deps.city })
    await service.start()
    shutdown.defer(() => service.stop())
    return { http: service.url }
  }, logger)
}
