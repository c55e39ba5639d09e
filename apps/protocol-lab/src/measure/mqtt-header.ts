import mqtt from 'mqtt'
import { startCountingProxy } from './byte-counter'

/**
 * MQTT's fixed header, read from real packets. A client connects to the broker through a proxy
 * that records every byte the broker sends; the client subscribes to a topic and publishes to
 * it messages of growing size, and the lab parses what came back. An MQTT fixed header is one
 * byte (packet type and flags) plus the "remaining length" in 1 to 4 bytes (7 bits per byte),
 * so it is 2 bytes only while the rest of the packet is under 128 bytes.
 */
export interface MqttPacketSeen {
  type: string
  fixedHeaderBytes: number
  remainingLength: number
  /** For PUBLISH: the application payload inside the packet. */
  payloadBytes?: number
}

const packetTypes = [
  'reserved',
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
]

/** Splits a captured byte stream into MQTT packets, reading only the fixed headers. */
export function parseFixedHeaders(stream: Buffer): MqttPacketSeen[] {
  const packets: MqttPacketSeen[] = []
  let offset = 0
  while (offset < stream.length) {
    const first = stream[offset] as number
    let remainingLength = 0
    let multiplier = 1
    let lengthBytes = 0
    let byte: number
    do {
      byte = stream[offset + 1 + lengthBytes] as number
      if (byte === undefined) throw new Error('truncated MQTT packet in capture')
      remainingLength += (byte & 0x7f) * multiplier
      multiplier *= 128
      lengthBytes += 1
    } while (byte & 0x80)
    const fixedHeaderBytes = 1 + lengthBytes
    const packet: MqttPacketSeen = { type: packetTypes[first >> 4] ?? 'unknown', fixedHeaderBytes, remainingLength }
    if (packet.type === 'PUBLISH') {
      const topicLength = stream.readUInt16BE(offset + fixedHeaderBytes)
      const qos = (first >> 1) & 0x03
      packet.payloadBytes = remainingLength - 2 - topicLength - (qos > 0 ? 2 : 0)
    }
    packets.push(packet)
    offset += fixedHeaderBytes + remainingLength
  }
  return packets
}

export async function captureMqttHeaders(brokerPort: number, smallPayload: string): Promise<MqttPacketSeen[]> {
  const proxy = await startCountingProxy(brokerPort, { tap: true })
  const topic = 'lab/header'
  // The small one again at QoS 1 adds a packet id to the PUBLISH and a 4-byte PUBACK.
  const publishes: { payload: string; qos: 0 | 1 }[] = [
    { payload: smallPayload, qos: 0 },
    { payload: 'x'.repeat(200), qos: 0 },
    { payload: 'x'.repeat(20_000), qos: 0 },
    { payload: smallPayload, qos: 1 },
  ]
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${proxy.port}`, {
    clientId: `lab-header-${process.pid}`,
    reconnectPeriod: 0,
    keepalive: 0,
  })
  try {
    await client.subscribeAsync(topic, { qos: 1 })
    let received = 0
    const all = new Promise<void>((resolve) =>
      client.on('message', () => {
        received += 1
        if (received === publishes.length) resolve()
      }),
    )
    for (const { payload, qos } of publishes) await client.publishAsync(topic, payload, { qos })
    await all
  } finally {
    await client.endAsync()
    await proxy.close()
  }
  return parseFixedHeaders(proxy.tapped())
}
