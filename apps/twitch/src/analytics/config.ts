import { type Env, readKafkaBrokers, readLogLevel, readServiceDatabase, readTopicPrefix } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    database: readServiceDatabase(env, 'twitch_analytics', 3),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    logLevel: readLogLevel(env),
  }
}

export type AnalyticsConfig = ReturnType<typeof loadConfig>
