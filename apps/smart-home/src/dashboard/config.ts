import {
  type Env,
  readBindHost,
  readInstanceId,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readString,
  readTopicPrefix,
} from '@wired/runtime'
import { readWireConfig } from '@wired/wire'
import { type MqttConnectionConfig, readBackendMqtt } from '../shared/config'
import { readDatabase } from '../shared/database'

export interface DashboardConfig {
  logLevel: string
  host: string
  port: number
  database: ReturnType<typeof readDatabase>
  kafkaBrokers: string[]
  topicPrefix: string
  /** Per instance: each dashboard replica gets every notification. */
  notificationsGroup: string
  mqtt: MqttConnectionConfig
  collectorUrl: string | undefined
}

export function loadConfig(env: Env): DashboardConfig {
  const topicPrefix = readTopicPrefix(env)
  const instance = readInstanceId(env)
  return {
    logLevel: readLogLevel(env),
    host: readBindHost(env),
    port: readPort(env, 'DASHBOARD_PORT', { default: 8090 }),
    database: readDatabase(env),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix,
    notificationsGroup: readString(env, 'DASHBOARD_GROUP', {
      default: `${topicPrefix}smart-home-dashboard-${instance}`,
    }),
    // A live view: a clean session (nothing queued while it was down; history is in PostgreSQL).
    mqtt: readBackendMqtt(env, 'DASHBOARD_CLIENT_ID', `smart-home-dashboard-${instance}`),
    collectorUrl: readWireConfig(env).collectorUrl,
  }
}
