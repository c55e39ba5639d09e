import { type Env, readKafkaBrokers, readLogLevel, readString, readTopicPrefix } from '@wired/runtime'
import { readDatabase } from '../shared/database'

export interface AlertsConfig {
  logLevel: string
  database: ReturnType<typeof readDatabase>
  kafkaBrokers: string[]
  topicPrefix: string
  groupId: string
}

export function loadConfig(env: Env): AlertsConfig {
  const topicPrefix = readTopicPrefix(env)
  return {
    logLevel: readLogLevel(env),
    database: readDatabase(env),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix,
    groupId: readString(env, 'ALERTS_GROUP', { default: `${topicPrefix}smart-home-alerts` }),
  }
}
