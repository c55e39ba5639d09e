import { AppError } from '@wired/runtime'
import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt'
import { topicMatches } from './topics'

export type { MqttClient }

/** CONNACK return codes (MQTT 3.1.1) and reason codes (MQTT 5) that mean "your credentials". */
const REFUSED_CREDENTIALS = new Set([4, 5, 0x86, 0x87])

/**
 * Connects and resolves once the broker accepted (CONNACK 0), or rejects with an AppError:
 * UNAUTHENTICATED when the broker refused the credentials, UNAVAILABLE when it could not be
 * reached. A refused client is ended so it does not keep retrying with the same bad password.
 * Defaults differ from mqtt.js in one place: connectTimeout 5,000 ms instead of 30,000.
 */
export function connectMqtt(url: string, options: IClientOptions = {}): Promise<MqttClient> {
  const client = mqtt.connect(url, { connectTimeout: 5_000, ...options })
  return new Promise((resolve, reject) => {
    const fail = (error: AppError) => {
      cleanup()
      client.end(true)
      reject(error)
    }
    const onConnect = () => {
      cleanup()
      resolve(client)
    }
    const onError = (error: Error & { code?: number | string }) => {
      if (typeof error.code === 'number' && REFUSED_CREDENTIALS.has(error.code))
        fail(new AppError('UNAUTHENTICATED', `mqtt: ${url} refused the credentials (${error.message})`))
      else fail(new AppError('UNAVAILABLE', `mqtt: cannot connect to ${url}: ${error.message}`))
    }
    // With reconnectPeriod 0 a failed attempt only shows up as 'close' (no 'error').
    const onClose = () => fail(new AppError('UNAVAILABLE', `mqtt: ${url} closed the connection before CONNACK`))
    const cleanup = () => {
      client.off('connect', onConnect)
      client.off('error', onError)
      client.off('close', onClose)
    }
    client.on('connect', onConnect)
    client.on('error', onError)
    client.on('close', onClose)
  })
}

export interface ReceivedMessage {
  topic: string
  payload: Buffer
  packet: IPublishPacket
}

/**
 * Resolves with the first message on a topic matching `topicFilter` (and `predicate`), or
 * rejects with DEADLINE_EXCEEDED after `timeoutMs`. It only listens: subscribe first, with the
 * QoS you mean, because a subscription is broker state (and triggers retained delivery).
 */
export function waitForMessage(
  client: MqttClient,
  topicFilter: string,
  predicate: (message: ReceivedMessage) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<ReceivedMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (topic: string, payload: Buffer, packet: IPublishPacket) => {
      const message = { topic, payload, packet }
      if (!topicMatches(topicFilter, topic) || !predicate(message)) return
      clearTimeout(timer)
      client.off('message', onMessage)
      resolve(message)
    }
    const timer = setTimeout(() => {
      client.off('message', onMessage)
      reject(new AppError('DEADLINE_EXCEEDED', `mqtt: no matching message on ${topicFilter} within ${timeoutMs} ms`))
    }, timeoutMs)
    client.on('message', onMessage)
  })
}
