import { type Env, readList, readString, readUrl } from '@wired/runtime'

export interface AnalyticsConfig {
  databaseUrl: string
  databaseSchema: string
  kafkaBrokers: string[]
  topicPrefix: string
  logLevel: string
}

export function loadConfig(env: Env): AnalyticsConfig {
  return {
    databaseUrl: readUrl(env, 'DATABASE_URL', { protocols: ['postgres', 'postgresql'] }),
    databaseSchema: readString(env, 'DATABASE_SCHEMA', { default: 'wa_analytics' }),
    kafkaBrokers: readList(env, 'KAFKA_BROKERS'),
    topicPrefix: readString(env, 'KAFKA_TOPIC_PREFIX', { default: '' }),
    logLevel: readString(env, 'LOG_LEVEL', { default: 'info' }),
  }
}
