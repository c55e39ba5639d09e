import { type Env, readKafkaBrokers, readLogLevel, readServiceDatabase, readTopicPrefix } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    database: readServiceDatabase(env, 'rh_compliance'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    logLevel: readLogLevel(env),
  }
}

export type ComplianceConfig = ReturnType<typeof loadConfig>
