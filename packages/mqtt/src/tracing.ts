import { activeTraceparent, contextFromTraceparent, endWhenSettled, Hops, leadWithTrace, TAG } from '@wired/wire'
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
 * One JSON publish as a producer hop, when it is recorded: the payload leads with the trace, and
 * the hop ends when the broker acknowledged it (PUBACK at QoS 1). `startsTrace`: a device starts
 * a new trace here (sampled); the backend publishes as a hop only inside a trace.
 */
function publishAsHop<R>(
  publish: (payload: string) => Promise<R>,
  topic: string,
  json: string,
  options: IClientPublishOptions,
  hops: Hops,
  startsTrace: boolean,
): Promise<R> {
  const span = hops.start({
    kind: 'producer',
    protocol: 'mqtt',
    name: topic,
    peer: 'mqtt',
    bytes: Buffer.byteLength(json),
    payload: () => json,
    attributes: { [TAG.mqttQos]: options.qos ?? 0, [TAG.topic]: topic },
    onlyInTrace: !startsTrace,
  })
  if (!span) return publish(json)
  return endWhenSettled(span, publish(leadWithTrace(json, hops.within(span, undefined, activeTraceparent))))
}

/** Publishes a JSON message as a device would, starting its trace (see publishAsHop). */
export async function publishTraced(
  client: MqttClient,
  topic: string,
  message: object,
  options: IClientPublishOptions,
  hops: Hops,
): Promise<void> {
  const json = JSON.stringify(message)
  await publishAsHop((payload) => client.publishAsync(topic, payload, options), topic, json, options, hops, true)
}

/**
 * A backend's publishes as hops: inside a recorded trace, each JSON publish is a producer hop and
 * leads with the trace's `"trace"` field, so the device, or the wire view, can follow it. Outside
 * a trace, or for a payload that is not a JSON object, the publish goes out unchanged.
 */
export function tracePublishes(client: MqttClient, hops = new Hops()): MqttClient {
  if (!hops.on) return client
  const publish = client.publishAsync.bind(client)
  client.publishAsync = ((topic: string, message: string | Buffer, options: IClientPublishOptions = {}) =>
    typeof message === 'string' && message.startsWith('{"')
      ? publishAsHop((payload) => publish(topic, payload, options), topic, message, options, hops, false)
      : publish(topic, message, options)) as MqttClient['publishAsync']
  return client
}
