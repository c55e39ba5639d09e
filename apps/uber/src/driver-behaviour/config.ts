import { type Env, readDatabaseUrl, readKafkaBrokers, readLogLevel, readString, readTopicPrefix } from '@wired/runtime'

export interface DriverBehaviourConfig {
  logLevel: string
  databaseUrl: string
  kafkaBrokers: string[]
  /** One group for all replicas: they share the partitions (and so the drivers). A test run prefixes it. */
  groupId: string
}

export function loadConfig(env: Env): DriverBehaviourConfig {
  return {
    logLevel: readLogLevel(env),
    databaseUrl: readDatabaseUrl(env),
    kafkaBrokers: readKafkaBrokers(env),
    groupId: readString(env, 'DRIVER_BEHAVIOUR_GROUP', { default: `${readTopicPrefix(env)}driver-behaviour` }),
  }
}
