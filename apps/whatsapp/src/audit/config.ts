import { type Env, readKafkaBrokers, readLogLevel, readServiceDatabase, readTopicPrefix } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    database: readServiceDatabase(env, 'wa_audit', 5),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    logLevel: readLogLevel(env),
  }
}

export type AuditConfig = ReturnType<typeof loadConfig>
