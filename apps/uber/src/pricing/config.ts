import {
  type Env,
  readBindHost,
  readGrpcSecret,
  readInstanceId,
  readKafkaBrokers,
  readLogLevel,
  readPort,
} from '@wired/runtime'
import { readMs } from '../shared/config'
import { DEFAULT_SURGE, type SurgeOptions } from './domain/surge'

export interface PricingConfig {
  /** Signs this service's name on its gRPC calls and checks its callers' (shared/callers.ts). */
  grpcSecret: string
  logLevel: string
  /** Listen address of this service's servers (BIND_HOST). */
  host: string
  grpcPort: number
  kafkaBrokers: string[]
  /** Each replica reads every record (its own group) and so holds the whole surge board. */
  surgeGroupId: string
  surge: SurgeOptions
}

export function loadConfig(env: Env): PricingConfig {
  return {
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
    host: readBindHost(env),
    grpcPort: readPort(env, 'PRICING_GRPC_PORT', { default: 50071 }),
    kafkaBrokers: readKafkaBrokers(env),
    surgeGroupId: `pricing-surge-${readInstanceId(env)}`,
    surge: {
      ...DEFAULT_SURGE,
      demandWindowMs: readMs(env, 'SURGE_DEMAND_WINDOW_MS', DEFAULT_SURGE.demandWindowMs),
      supplyWindowMs: readMs(env, 'SURGE_SUPPLY_WINDOW_MS', DEFAULT_SURGE.supplyWindowMs),
    },
  }
}
