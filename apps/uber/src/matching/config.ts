import {
  type Env,
  readBindHost,
  readDatabaseUrl,
  readGrpcSecret,
  readInt,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readString,
} from '@wired/runtime'
import { type MqttConnectionConfig, readMqtt, readMs } from '../shared/config'
import { DEFAULT_DISPATCH, type DispatchOptions } from './use-cases/dispatch'

export interface MatchingConfig {
  /** Signs this service's name on its gRPC calls and checks its callers' (shared/callers.ts). */
  grpcSecret: string
  logLevel: string
  /** Listen address of this service's servers (BIND_HOST). */
  host: string
  grpcPort: number
  databaseUrl: string
  kafkaBrokers: string[]
  mqtt: MqttConnectionConfig
  locationAddress: string
  pricingAddress: string
  dispatch: DispatchOptions
}

export function loadConfig(env: Env): MatchingConfig {
  return {
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
    host: readBindHost(env),
    grpcPort: readPort(env, 'MATCHING_GRPC_PORT', { default: 50061 }),
    databaseUrl: readDatabaseUrl(env),
    kafkaBrokers: readKafkaBrokers(env),
    mqtt: readMqtt(env, 'matching'),
    locationAddress: readString(env, 'LOCATION_GRPC_ADDRESS', { default: '127.0.0.1:50051' }),
    pricingAddress: readString(env, 'PRICING_GRPC_ADDRESS', { default: '127.0.0.1:50071' }),
    dispatch: {
      searchRadiusMetres: readInt(env, 'SEARCH_RADIUS_METRES', {
        default: DEFAULT_DISPATCH.searchRadiusMetres,
        min: 100,
      }),
      maxCandidates: readInt(env, 'MAX_CANDIDATES', { default: DEFAULT_DISPATCH.maxCandidates, min: 1, max: 200 }),
      maxPickupEtaSeconds: readInt(env, 'MAX_PICKUP_ETA_SECONDS', {
        default: DEFAULT_DISPATCH.maxPickupEtaSeconds,
        min: 60,
      }),
      offerTimeoutMs: readMs(env, 'OFFER_TIMEOUT_MS', DEFAULT_DISPATCH.offerTimeoutMs),
      rounds: readInt(env, 'DISPATCH_ROUNDS', { default: DEFAULT_DISPATCH.rounds, min: 1 }),
      roundDelayMs: readMs(env, 'DISPATCH_ROUND_DELAY_MS', DEFAULT_DISPATCH.roundDelayMs),
    },
  }
}
