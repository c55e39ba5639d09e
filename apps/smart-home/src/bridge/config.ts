import { type Env, readInt, readKafkaBrokers, readLogLevel, readTopicPrefix } from '@wired/runtime'
import { type MqttConnectionConfig, readBackendMqtt } from '../shared/config'

export interface BridgeConfig {
  logLevel: string
  mqtt: MqttConnectionConfig
  kafkaBrokers: string[]
  topicPrefix: string
  /** QoS 0 readings wait at most this long to share one Kafka produce request. */
  lingerMs: number
  /** ... or until this many are waiting. */
  batchSize: number
}

export function loadConfig(env: Env): BridgeConfig {
  return {
    logLevel: readLogLevel(env),
    // One stable client id: the broker keeps this session's subscriptions and queued QoS 1
    // readings while the bridge is down, and hands them over when it reconnects.
    mqtt: readBackendMqtt(env, 'BRIDGE_CLIENT_ID', 'smart-home-bridge'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    lingerMs: readInt(env, 'BRIDGE_LINGER_MS', { default: 5, min: 0, max: 1000 }),
    batchSize: readInt(env, 'BRIDGE_BATCH_SIZE', { default: 500, min: 1, max: 500 }),
  }
}
