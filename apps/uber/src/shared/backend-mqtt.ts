import { tracedMessageListener, tracePublishes } from '@wired/mqtt'
import { AppError } from '@wired/runtime'
import mqtt, { type MqttClient } from 'mqtt'
import type { MqttConnectionConfig } from './config'

export type MessageListener = (topic: string, payload: Buffer) => void

/**
 * The backend's MQTT connection with a persistent session (clean=false, a stable client id):
 * while the service is down the broker keeps its subscriptions and queues QoS 1 messages for it.
 * Created unconnected, so the service can wire publishers to it before start().
 */
export function createBackendMqtt(config: MqttConnectionConfig): MqttClient {
  // Its publishes inside a trace (an offer, a ride update) are hops of the wire view.
  const client = mqtt.connect(config.url, {
    clientId: config.clientId,
    username: config.username,
    password: config.password,
    clean: false,
    connectTimeout: 5_000,
    reconnectPeriod: 1_000,
    manualConnect: true,
  })
  return tracePublishes(client)
}

/**
 * Connects with the message listener already attached. A broker replays the queued messages
 * right after CONNACK; a listener added once a connect() promise resolved would miss the first
 * ones, which mqtt.js would already have acknowledged (PUBACK): lost for good.
 */
export function connectBackendMqtt(client: MqttClient, onMessage: MessageListener): Promise<void> {
  // Each message is a hop of the wire view, continuing the device's trace if it sent one.
  client.on('message', tracedMessageListener(onMessage))
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
