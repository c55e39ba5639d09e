import { type Env, readKafkaBrokers, readLogLevel, readString, readTopicPrefix } from '@wired/runtime'
import { readDatabase } from '../shared/database'

export interface RecorderConfig {
  logLevel: string
  database: ReturnType<typeof readDatabase>
  kafkaBrokers: string[]
  topicPrefix: string
  /** One group for all replicas: they share the partitions. */
  groupId: string
}

export function loadConfig(env: Env): RecorderConfig {
  const topicPrefix = readTopicPrefix(env)
  return {
    logLevel: readLogLevel(env),
    database: readDatabase(env),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix,
    groupId: readString(env, 'RECORDER_GROUP', { default: `${topicPrefix}smart-home-recorder` }),
  }
}
