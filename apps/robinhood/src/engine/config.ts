import {
  type Env,
  readInt,
  readKafkaBrokers,
  readLogLevel,
  readRedisKeyPrefix,
  readRedisUrl,
  readServiceDatabase,
  readTopicPrefix,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    database: readServiceDatabase(env, 'rh_engine'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'robinhood:'),
    outboxPollMs: readInt(env, 'OUTBOX_POLL_MS', { default: 1_000, min: 50 }),
    logLevel: readLogLevel(env),
  }
}

export type EngineConfig = ReturnType<typeof loadConfig>
