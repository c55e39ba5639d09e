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
    database: readServiceDatabase(env, 'amz_fulfilment'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'amazon:'),
    logLevel: readLogLevel(env),
  }
}

export type FulfilmentConfig = ReturnType<typeof loadConfig>
