import {
  type Env,
  readKafkaBrokers,
  readLogLevel,
  readRedisKeyPrefix,
  readRedisUrl,
  readTopicPrefix,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'robinhood:'),
    logLevel: readLogLevel(env),
  }
}

export type NotificationsConfig = ReturnType<typeof loadConfig>
