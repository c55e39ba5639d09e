import {
  type Env,
  readKafkaBrokers,
  readLogLevel,
  readRedisKeyPrefix,
  readRedisUrl,
  readServiceDatabase,
  readTopicPrefix,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    database: readServiceDatabase(env, 'gaming_stats'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'gaming:'),
    logLevel: readLogLevel(env),
  }
}

export type StatsConfig = ReturnType<typeof loadConfig>
