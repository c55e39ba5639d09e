import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt'
import type { DeviceIdentity } from '../../src/shared/devices'
import { type Channel, topicOf } from '../../src/shared/home-topics'
import type { Harness } from './harness'

/** A device as a test drives it: its own login, client id = its id, and a persistent session. */
export function connectDevice(h: Harness, device: DeviceIdentity, options: IClientOptions = {}): Promise<MqttClient> {
  return mqtt.connectAsync(h.mqttUrl, {
    clientId: device.id,
    username: device.id,
    password: h.passwordOf(device.id),
    clean: false,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
    ...options,
  })
}

/** The backend's view (any topic), as an operator with the backend account would watch. */
export function connectObserver(h: Harness, options: IClientOptions = {}): Promise<MqttClient> {
  return mqtt.connectAsync(h.mqttUrl, {
    clientId: `observer-${Math.random().toString(36).slice(2)}`,
    username: h.backend.username,
    password: h.backend.password,
    clean: true,
    reconnectPeriod: 0,
    ...options,
  })
}

export const publishJson = (
  client: MqttClient,
  device: DeviceIdentity,
  channel: Channel,
  body: object,
  qos: 0 | 1 | 2 = 0,
  retain = false,
) => client.publishAsync(topicOf(device, channel), JSON.stringify(body), { qos, retain })

/** Collects every message a client receives, with its packet (QoS, retain flag). */
export function collect(client: MqttClient) {
  const messages: Array<{ topic: string; body: Record<string, unknown>; packet: IPublishPacket }> = []
  client.on('message', (topic, payload, packet) => {
    let body: Record<string, unknown> = {}
    try {
      body = JSON.parse(payload.toString())
    } catch {
      body = { raw: payload.toString() }
    }
    messages.push({ topic, body, packet })
  })
  return messages
}

export async function api(
  h: Harness,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${h.dashboard}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  // biome-ignore lint/suspicious/noExplicitAny: JSON from the wire, read field by field in the tests
  const envelope = (await response.json()) as { data: any; errors: Array<{ code: string; message: string }> }
  return { status: response.status, ...envelope }
}
