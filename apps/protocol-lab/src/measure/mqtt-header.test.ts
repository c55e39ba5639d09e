import { describe, expect, it } from 'vitest'
import { parseFixedHeaders } from './mqtt-header'

describe('parseFixedHeaders', () => {
  it('reads packet types and 1- to 3-byte remaining lengths from a byte stream', () => {
    const connack = Buffer.from([0x20, 0x02, 0x00, 0x00])
    // PUBLISH QoS 0, topic "a/b", payload "hi": remaining length 2 + 3 + 2 = 7.
    const small = Buffer.concat([Buffer.from([0x30, 0x07, 0x00, 0x03]), Buffer.from('a/bhi')])
    // PUBLISH QoS 1 with a 200-byte payload: 2 + 3 + 2 (packet id) + 200 = 207 = 0xCF 0x01.
    const large = Buffer.concat([
      Buffer.from([0x32, 0xcf, 0x01, 0x00, 0x03]),
      Buffer.from('a/b'),
      Buffer.from([0, 1]),
      Buffer.alloc(200),
    ])
    // 20,000 bytes of remaining length need three length bytes: 0xA0 0x9C 0x01.
    const huge = Buffer.concat([
      Buffer.from([0x30, 0xa0, 0x9c, 0x01, 0x00, 0x03]),
      Buffer.from('a/b'),
      Buffer.alloc(19_995),
    ])
    expect(parseFixedHeaders(Buffer.concat([connack, small, large, huge]))).toEqual([
      { type: 'CONNACK', fixedHeaderBytes: 2, remainingLength: 2 },
      { type: 'PUBLISH', fixedHeaderBytes: 2, remainingLength: 7, payloadBytes: 2 },
      { type: 'PUBLISH', fixedHeaderBytes: 3, remainingLength: 207, payloadBytes: 200 },
      { type: 'PUBLISH', fixedHeaderBytes: 4, remainingLength: 20_000, payloadBytes: 19_995 },
    ])
  })

  it('rejects a capture cut inside a header', () => {
    expect(() => parseFixedHeaders(Buffer.from([0x30, 0x80]))).toThrow('truncated')
  })
})
