import { type Env, readKafkaBrokers, readLogLevel, readServiceDatabase, readTopicPrefix } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    database: readServiceDatabase(env, 'nf_publisher'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    logLevel: readLogLevel(env),
  }
}

export type PublisherConfig = ReturnType<typeof loadConfig>
