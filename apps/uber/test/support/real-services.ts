import { randomBytes } from 'node:crypto'
import { type Infra, reservePort } from '@wired/testkit'
import type { Harness, Knobs } from './harness'
import { ServiceProcesses } from './processes'

export const ALL_SERVICES = ['pricing', 'location', 'matching', 'api', 'rider-gateway', 'driver-behaviour'] as const
export type ServiceName = (typeof ALL_SERVICES)[number]

export interface RealServicesOptions {
  infra: Infra
  databaseUrl: string
  mqttUrl: string
  backend: { username: string; password: string }
  /** Namespaces Redis keys, consumer groups and MQTT sessions in the shared servers. */
  run: string
  knobs: Knobs
  services?: readonly ServiceName[]
}

/**
 * Every service as its own process, configured only through env (what compose sets), on free
 * ports. Used by the real-mode tests and by the benchmark.
 */
export async function launchServices(options: RealServicesOptions) {
  const { infra, run, knobs } = options
  const ports = {
    locationGrpc: await reservePort(),
    locationHttp: await reservePort(),
    matchingGrpc: await reservePort(),
    pricingGrpc: await reservePort(),
    api: await reservePort(),
    gateway: await reservePort(),
  }
  const redisKeyPrefix = `uber-${run}:`
  const common = {
    LOG_LEVEL: 'info',
    INSTANCE_ID: run,
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    REDIS_URL: infra.redisUrl,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    MQTT_URL: options.mqttUrl,
    MQTT_USERNAME: options.backend.username,
    MQTT_PASSWORD: options.backend.password,
    AUTH_SECRET: randomBytes(24).toString('base64url'),
    ALLOWED_ORIGINS: '*',
    LOCATION_GRPC_ADDRESS: `127.0.0.1:${ports.locationGrpc}`,
    PRICING_GRPC_ADDRESS: `127.0.0.1:${ports.pricingGrpc}`,
    RIDE_GRPC_ADDRESS: `127.0.0.1:${ports.matchingGrpc}`,
  }
  const env: Record<ServiceName, Record<string, string>> = {
    pricing: {
      ...common,
      PRICING_GRPC_PORT: String(ports.pricingGrpc),
      SURGE_DEMAND_WINDOW_MS: String(knobs.surgeDemandWindowMs),
      SURGE_SUPPLY_WINDOW_MS: String(knobs.surgeSupplyWindowMs),
    },
    location: {
      ...common,
      LOCATION_GRPC_PORT: String(ports.locationGrpc),
      LOCATION_HTTP_PORT: String(ports.locationHttp),
      DRIVER_STALE_AFTER_MS: String(knobs.staleAfterMs),
    },
    matching: {
      ...common,
      MATCHING_GRPC_PORT: String(ports.matchingGrpc),
      OFFER_TIMEOUT_MS: String(knobs.offerTimeoutMs),
      DISPATCH_ROUNDS: String(knobs.dispatchRounds),
      DISPATCH_ROUND_DELAY_MS: String(knobs.dispatchRoundDelayMs),
    },
    api: { ...common, API_PORT: String(ports.api), API_REQUESTS_PER_MINUTE: '10000' },
    'rider-gateway': {
      ...common,
      GATEWAY_PORT: String(ports.gateway),
      API_PUBLIC_URL: `http://127.0.0.1:${ports.api}`,
      NEARBY_EVERY_MS: '1000',
    },
    'driver-behaviour': { ...common, DRIVER_BEHAVIOUR_GROUP: `driver-behaviour-${run}` },
  }
  const chosen = options.services ?? ALL_SERVICES
  const services = new ServiceProcesses(Object.fromEntries(chosen.map((name) => [name, env[name]])))
  try {
    await services.startAll()
  } catch (error) {
    await services.stopAll()
    throw error
  }
  const urls: Harness['urls'] & { locationHttp: string } = {
    riderPage: `http://127.0.0.1:${ports.gateway}`,
    api: `http://127.0.0.1:${ports.api}`,
    driverSocket: `ws://127.0.0.1:${ports.locationHttp}/v1/drivers/ws`,
    locationHttp: `http://127.0.0.1:${ports.locationHttp}`,
    location: common.LOCATION_GRPC_ADDRESS,
    matching: common.RIDE_GRPC_ADDRESS,
    pricing: common.PRICING_GRPC_ADDRESS,
  }
  return { services, urls, redisKeyPrefix }
}
