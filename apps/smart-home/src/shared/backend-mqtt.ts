import { tracePublishes } from '@wired/mqtt'
import { AppError } from '@wired/runtime'
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'
import type { MqttConnectionConfig } from './config'

/**
 * A backend MQTT connection, created unconnected so the service attaches its message handling
 * before CONNACK: with a persistent session (clean=false) the broker replays what it queued right
 * after CONNACK, and a handler attached later would miss it (mqtt.js would have acked it: lost).
 * Its publishes inside a trace (a command from the dashboard) are hops of the wire view.
 */
export function createBackendMqtt(config: MqttConnectionConfig, options: IClientOptions = {}): MqttClient {
  const client = mqtt.connect(config.url, {
    clientId: config.clientId,
    username: config.username,
    password: config.password,
    connectTimeout: 5_000,
    reconnectPeriod: 500,
    manualConnect: true,
    ...options,
  })
  return tracePublishes(client)
}

/** Connects and resolves on the first CONNACK; later drops are retried by mqtt.js (reconnectPeriod). */
export function connectBackendMqtt(client: MqttClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const onConnect = () => {
      client.off('error', onError)
      resolve()
    }
    const onError = (error: Error) => {
      client.off('connect', onConnect)
      client.end(true)
      reject(new AppError('UNAVAILABLE', `mqtt: ${client.options.clientId} could not connect: ${error.message}`))
    }
    client.once('connect', onConnect)
    client.once('error', onError)
    client.connect()
  })
}
