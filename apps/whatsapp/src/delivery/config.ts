import { type Env, readList, readString, readUrl } from '@wired/runtime'

export interface DeliveryConfig {
  kafkaBrokers: string[]
  topicPrefix: string
  redisUrl: string
  /** host:port of the notification service. */
  notificationAddress: string
  logLevel: string
}

export function loadConfig(env: Env): DeliveryConfig {
  return {
    kafkaBrokers: readList(env, 'KAFKA_BROKERS'),
    topicPrefix: readString(env, 'KAFKA_TOPIC_PREFIX', { default: '' }),
    redisUrl: readUrl(env, 'REDIS_URL', { protocols: ['redis', 'rediss'] }),
    notificationAddress: readString(env, 'NOTIFICATION_GRPC_ADDRESS', { default: '127.0.0.1:50063' }),
    logLevel: readString(env, 'LOG_LEVEL', { default: 'info' }),
  }
}
