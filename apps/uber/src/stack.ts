import { createPool } from '@wired/db'
import type { EventLog } from '@wired/events'
import type { RedisClient } from '@wired/redis'
import type { Logger } from '@wired/runtime'
import { createApiService } from './api/service'
import { createDriverBehaviourService } from './driver-behaviour/service'
import { createLocationService } from './location/service'
import { DEFAULT_DISPATCH, type DispatchOptions } from './matching/dispatch'
import { createMatchingService } from './matching/service'
import { DEFAULT_SURGE, type SurgeOptions } from './pricing/domain/surge'
import { createPricingService } from './pricing/service'
import { createRiderGatewayService } from './rider-gateway/service'
import { type City, createCity } from './shared/city'
import { migrateUberSchema } from './shared/database'

/** The infrastructure the scenario runs on: twins in embedded mode, real servers otherwise. */
export interface StackInfra {
  databaseUrl: string
  events: EventLog
  redis: RedisClient
  mqttUrl: string
  /** The backend's account on the broker (drivers have their own). */
  mqttBackend: { username: string; password: string }
}

export interface StackOptions {
  /** 0 = any free port. */
  gatewayPort?: number
  apiPort?: number
  locationHttpPort?: number
  /** Per-replica names (consumer groups, MQTT session ids) derive from it. */
  instanceId: string
  redisKeyPrefix: string
  authSecret: string
  /** Browser origins besides the rider gateway's own. */
  extraOrigins?: string[]
  dispatch?: Partial<DispatchOptions>
  surge?: Partial<SurgeOptions>
  staleAfterMs?: number
  behaviourGroupId?: string
  /** Default true. The benchmark turns the analytics consumer off to measure the hot path alone. */
  driverBehaviour?: boolean
  logger: Logger
  city?: City
}

export interface UberStack {
  urls: { riderPage: string; api: string; driverSocket: string; location: string; matching: string; pricing: string }
  /**
   * A brief outage of the location pipeline: stops the service, runs `duringOutage`, then starts
   * a new instance on the same ports with the same MQTT client id (so the same broker session).
   */
  restartLocation(duringOutage: () => Promise<void>): Promise<void>
  /** The location pipeline's counters (accepted, stale, written, failed): for the benchmark. */
  ingestCounters(): { accepted: number; stale: number; written: number; failed: number }
  stop(): Promise<void>
}

/**
 * Every service of the scenario in this process, each with its own listeners: they still talk
 * over gRPC, HTTP, WebSocket, MQTT and Kafka exactly as they do one process each. Started in
 * dependency order, so each learns the addresses of those it calls.
 */
export async function startUberStack(infra: StackInfra, options: StackOptions): Promise<UberStack> {
  const { logger, instanceId, redisKeyPrefix, authSecret } = options
  const city = options.city ?? createCity()
  const kafkaBrokers: string[] = [] // unused: the services get `infra.events` directly
  const mqtt = (service: string) => ({ url: infra.mqttUrl, ...infra.mqttBackend, clientId: `${service}-${instanceId}` })
  const stops: Array<() => Promise<void>> = []
  const pool = createPool(infra.databaseUrl, { logger, max: 20 })
  stops.push(() => pool.end())
  await migrateUberSchema(pool, logger)

  try {
    const pricing = createPricingService(
      {
        logLevel: 'info',
        host: '127.0.0.1',
        grpcPort: 0,
        kafkaBrokers,
        surgeGroupId: `pricing-surge-${instanceId}`,
        surge: { ...DEFAULT_SURGE, ...options.surge },
      },
      { events: infra.events, logger: logger.child({ service: 'pricing' }), city },
    )
    await pricing.start()
    stops.push(() => pricing.stop())

    const locationConfig = {
      logLevel: 'info',
      host: '127.0.0.1',
      grpcPort: 0,
      httpPort: options.locationHttpPort ?? 0,
      redisUrl: '',
      redisKeyPrefix,
      kafkaBrokers,
      mqtt: mqtt('location'),
      authSecret,
      allowedOrigins: '*' as const,
      staleAfterMs: options.staleAfterMs ?? 15_000,
    }
    const locationDeps = {
      redis: infra.redis,
      events: infra.events,
      logger: logger.child({ service: 'location' }),
      city,
    }
    let location = createLocationService(locationConfig, locationDeps)
    await location.start()
    stops.push(() => location.stop())
    const restartLocation = async (duringOutage: () => Promise<void>) => {
      const samePorts = {
        grpcPort: Number(location.grpcAddress.split(':').pop()),
        httpPort: Number(new URL(location.httpUrl).port),
      }
      await location.stop()
      await duringOutage()
      location = createLocationService({ ...locationConfig, ...samePorts }, locationDeps)
      await location.start()
    }

    const matching = createMatchingService(
      {
        logLevel: 'info',
        host: '127.0.0.1',
        grpcPort: 0,
        databaseUrl: infra.databaseUrl,
        kafkaBrokers,
        mqtt: mqtt('matching'),
        locationAddress: location.grpcAddress,
        pricingAddress: pricing.grpcAddress,
        dispatch: { ...DEFAULT_DISPATCH, ...options.dispatch },
      },
      { pool, events: infra.events, logger: logger.child({ service: 'matching' }), city },
    )
    await matching.start()
    stops.push(() => matching.stop())

    const gatewayPort = options.gatewayPort ?? 0
    const pageOrigins = gatewayPort ? [`http://127.0.0.1:${gatewayPort}`, `http://localhost:${gatewayPort}`] : []
    const api = createApiService(
      {
        logLevel: 'info',
        host: '127.0.0.1',
        port: options.apiPort ?? 0,
        databaseUrl: infra.databaseUrl,
        redisUrl: '',
        redisKeyPrefix,
        authSecret,
        // With a random gateway port the page's origin is only known later: allow any origin
        // (bearer tokens, no cookies, so CORS protects nothing here but the principle).
        allowedOrigins: gatewayPort ? [...pageOrigins, ...(options.extraOrigins ?? [])] : '*',
        rideAddress: matching.grpcAddress,
        pricingAddress: pricing.grpcAddress,
        requestsPerMinute: 10_000,
      },
      { pool, redis: infra.redis, logger: logger.child({ service: 'api' }) },
    )
    await api.start()
    stops.push(() => api.stop())

    const gateway = createRiderGatewayService(
      {
        logLevel: 'info',
        host: '127.0.0.1',
        httpPort: gatewayPort,
        authSecret,
        allowedOrigins: gatewayPort ? [...pageOrigins, ...(options.extraOrigins ?? [])] : '*',
        kafkaBrokers,
        lifecycleGroupId: `rider-gateway-${instanceId}`,
        redisUrl: '',
        redisKeyPrefix,
        rideAddress: matching.grpcAddress,
        locationAddress: location.grpcAddress,
        apiPublicUrl: api.url,
        nearbyEveryMs: 1_000,
      },
      { events: infra.events, redis: infra.redis, logger: logger.child({ service: 'rider-gateway' }), city },
    )
    await gateway.start()
    stops.push(() => gateway.stop())

    if (options.driverBehaviour ?? true) {
      const behaviour = createDriverBehaviourService(
        {
          logLevel: 'info',
          databaseUrl: infra.databaseUrl,
          kafkaBrokers,
          groupId: options.behaviourGroupId ?? `driver-behaviour-${instanceId}`,
        },
        { pool, events: infra.events },
      )
      await behaviour.start()
      stops.push(() => behaviour.stop())
    }

    return {
      urls: {
        riderPage: gateway.url,
        api: api.url,
        driverSocket: `${location.httpUrl.replace('http', 'ws')}/v1/drivers/ws`,
        location: location.grpcAddress,
        matching: matching.grpcAddress,
        pricing: pricing.grpcAddress,
      },
      restartLocation,
      ingestCounters: () => ({ ...location.pipeline.counters }),
      stop: () => stopAll(stops),
    }
  } catch (error) {
    await stopAll(stops)
    throw error
  }
}

async function stopAll(stops: Array<() => Promise<void>>): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch(() => {})
}
