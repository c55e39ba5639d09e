import { activeTraceparent, contextFromTraceparent, endHop, Hops, TAG } from '@wired/wire'
import type { IClientPublishOptions, IPublishPacket, MqttClient } from 'mqtt'

type MessageListener = (topic: string, payload: Buffer, packet: IPublishPacket) => void

/**
 * MQTT 5 carries trace context as a user property; MQTT 3.1.1 (what the devices here speak) has
 * nowhere but the payload, so a traced JSON payload leads with it: `{"trace":"<traceparent>",...}`.
 * The receiving side takes the field off before the app reads the payload, so app code and the
 * payload's documented shape are the same with tracing on or off.
 */
const OPEN_BRACE = Buffer.from('{')
const TRACE_FIELD = /^\{"trace":"(00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2})"(,|\})/

/** Each message received as a consumer hop, continuing the publisher's trace when it sent one. */
export function tracedMessageListener<L extends MessageListener>(listener: L, hops = new Hops()): L {
  if (!hops.on) return listener
  return ((topic, payload, packet) => {
    let traceparent = packet?.properties?.userProperties?.traceparent
    if (Array.isArray(traceparent)) traceparent = traceparent[0]
    let body = payload
    const inPayload =
      payload.length >= 66 && payload[0] === 0x7b ? TRACE_FIELD.exec(payload.subarray(0, 70).toString()) : null
    if (inPayload) {
      traceparent = inPayload[1]
      body =
        inPayload[2] === '}' ? Buffer.from('{}') : Buffer.concat([OPEN_BRACE, payload.subarray(inPayload[0].length)])
    }
    return hops.around(
      {
        kind: 'consumer',
        protocol: 'mqtt',
        name: topic,
        peer: 'mqtt',
        bytes: payload.length,
        parent: traceparent ? contextFromTraceparent(traceparent) : undefined,
        payload: () => body.toString('utf8'),
        attributes: { [TAG.mqttQos]: packet?.qos ?? 0, [TAG.topic]: topic },
      },
      () => listener(topic, body, packet),
    )
  }) as L
}

/**
 * Publishes a JSON message as a producer hop: a device (or the simulator playing one) starts the
 * trace here. The hop ends when the broker acknowledged it (PUBACK at QoS 1).
 */
export function publishTraced(
  client: MqttClient,
  topic: string,
  message: object,
  options: IClientPublishOptions,
  hops: Hops,
): Promise<void> {
  const json = JSON.stringify(message)
  const span = hops.start({
    kind: 'producer',
    protocol: 'mqtt',
    name: topic,
    peer: 'mqtt',
    bytes: Buffer.byteLength(json),
    payload: () => json,
    attributes: { [TAG.mqttQos]: options.qos ?? 0, [TAG.topic]: topic },
  })
  const traceparent = span ? hops.within(span, undefined, activeTraceparent) : undefined
  const payload = traceparent && json.startsWith('{') ? `{"trace":"${traceparent}",${json.slice(1)}` : json
  return client
    .publishAsync(topic, json === '{}' && traceparent ? `{"trace":"${traceparent}"}` : payload, options)
    .then(
      () => endHop(span),
      (error: unknown) => {
        endHop(span, error)
        throw error
      },
    )
}

/**
 * A backend's publishes as hops: inside a recorded trace, each JSON publish is a producer hop and
 * leads with the trace's `"trace"` field (what publishTraced does for devices), so the device, or
 * the wire view, can follow it. Outside a trace, or for a payload that is not a JSON object, the
 * publish goes out unchanged.
 */
export function tracePublishes(client: MqttClient, hops = new Hops()): MqttClient {
  if (!hops.on) return client
  const publish = client.publishAsync.bind(client)
  client.publishAsync = ((topic: string, message: string | Buffer, options: IClientPublishOptions = {}) => {
    const json = typeof message === 'string' ? message : undefined
    const span =
      json?.startsWith('{"') === true
        ? hops.start({
            kind: 'producer',
            protocol: 'mqtt',
            name: topic,
            peer: 'mqtt',
            bytes: Buffer.byteLength(json),
            payload: () => json,
            attributes: { [TAG.mqttQos]: options.qos ?? 0, [TAG.topic]: topic },
            onlyInTrace: true,
          })
        : undefined
    if (!span || json === undefined) return publish(topic, message, options)
    const traceparent = hops.within(span, undefined, activeTraceparent)
    return publish(topic, traceparent ? `{"trace":"${traceparent}",${json.slice(1)}` : json, options).then(
      (packet) => {
        endHop(span)
        return packet
      },
      (error: unknown) => {
        endHop(span, error)
        throw error
      },
    )
  }) as MqttClient['publishAsync']
  return client
}
