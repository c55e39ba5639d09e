import { describe, expect, it } from 'vitest'
import { packetSizes } from './packet-size-limit'

/** A QoS 1 PUBLISH as it crosses the wire (MQTT 3.1.1 section 3.3). */
function publish(payloadBytes: number): Buffer {
  const topic = Buffer.from('drivers/d-1/location')
  const body = Buffer.concat([
    Buffer.of(topic.length >> 8, topic.length & 0xff),
    topic,
    Buffer.of(0, 7), // packet id
    Buffer.alloc(payloadBytes, 120),
  ])
  const length: number[] = []
  let left = body.length
  do {
    length.push((left % 128) | (left >= 128 ? 0x80 : 0))
    left = Math.floor(left / 128)
  } while (left > 0)
  return Buffer.concat([Buffer.of(0x32, ...length), body])
}
const pingreq = Buffer.of(0xc0, 0)

describe('packetSizes', () => {
  it('reads each packet size from its header, however the stream is cut', () => {
    const packets = [publish(10), pingreq, publish(200), publish(20_000)]
    const stream = Buffer.concat(packets)
    const whole = packetSizes().push(stream)
    expect(whole).toEqual(packets.map((packet) => packet.length))
    const sizes = packetSizes()
    const byteByByte = [...stream].flatMap((byte) => sizes.push(Buffer.of(byte)))
    expect(byteByByte).toEqual(whole)
  })

  it('knows a 1 MiB packet from its first bytes', () => {
    const header = publish(1024 * 1024).subarray(0, 5)
    expect(packetSizes().push(header)[0]).toBeGreaterThan(1024 * 1024)
  })

  it('treats a fifth length byte as malformed (infinitely large)', () => {
    expect(packetSizes().push(Buffer.of(0x30, 0xff, 0xff, 0xff, 0xff))).toEqual([Number.POSITIVE_INFINITY])
  })
})
