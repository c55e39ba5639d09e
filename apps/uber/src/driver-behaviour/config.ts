import { type Env, readString } from '@wired/runtime'
import { readDatabaseUrl, readKafkaBrokers, readLogLevel } from '../shared/config'

export interface DriverBehaviourConfig {
  logLevel: string
  databaseUrl: string
  kafkaBrokers: string[]
  /** One group for all replicas: they share the partitions (and so the drivers). */
  groupId: string
}

export function loadDriverBehaviourConfig(env: Env): DriverBehaviourConfig {
  return {
    logLevel: readLogLevel(env),
    databaseUrl: readDatabaseUrl(env),
    kafkaBrokers: readKafkaBrokers(env),
    groupId: readString(env, 'DRIVER_BEHAVIOUR_GROUP', { default: 'driver-behaviour' }),
  }
}
