import { describe, expect, it } from 'vitest'
import {
  decodeDatagram,
  encodeHello,
  encodeInput,
  encodeSnapshot,
  HEADER_BYTES,
  MAX_DATAGRAM_BYTES,
  type Snapshot,
  snapshotBytes,
} from './datagram'

const header = { connectionId: 0xdeadbeef, sessionToken: 0x01020304, seq: 7 }
const snapshot: Snapshot = {
  tick: 99,
  ackInputSeq: 42,
  slot: 3,
  x: Math.fround(10.5),
  y: Math.fround(990.25),
  score: 5,
  players: [{ slot: 4, x: Math.fround(1.5), y: Math.fround(2.5) }],
  pickups: [{ pickupId: 9, x: 100, y: 200 }],
}

describe('UDP datagrams', () => {
  it('round-trips hello, input and snapshot with the README byte layout', () => {
    const hello = encodeHello(header)
    expect(hello.length).toBe(HEADER_BYTES)
    expect([...hello.subarray(0, 2)]).toEqual([1, 1])
    expect(hello.readUInt32BE(2)).toBe(0xdeadbeef)
    expect(decodeDatagram(hello)).toEqual({ ok: true, datagram: { type: 'hello', ...header } })

    const inputs = [
      { inputSeq: 1, moveX: 127, moveY: -127 },
      { inputSeq: 2, moveX: 0, moveY: 5 },
    ]
    const input = encodeInput(header, inputs)
    expect(input.length).toBe(14 + 1 + 2 * 6)
    expect(decodeDatagram(input)).toEqual({ ok: true, datagram: { type: 'input', ...header, inputs } })

    const bytes = encodeSnapshot(header, snapshot)
    expect(bytes.length).toBe(snapshotBytes(1, 1))
    expect(bytes.length).toBe(14 + 22 + 10 + 10)
    expect(decodeDatagram(bytes)).toEqual({ ok: true, datagram: { type: 'snapshot', ...header, snapshot } })
  })

  it('refuses every malformed datagram with a reason, never throwing', () => {
    const input = encodeInput(header, [{ inputSeq: 1, moveX: 1, moveY: 1 }])
    expect(decodeDatagram(Buffer.alloc(MAX_DATAGRAM_BYTES + 1))).toEqual({ ok: false, fault: 'oversize' })
    expect(decodeDatagram(input.subarray(0, 9))).toEqual({ ok: false, fault: 'truncated' })
    expect(decodeDatagram(input.subarray(0, input.length - 1))).toEqual({ ok: false, fault: 'bad-length' })
    expect(decodeDatagram(Buffer.concat([input, Buffer.from([0])]))).toEqual({ ok: false, fault: 'bad-length' })
    const zeroCount = Buffer.from(input)
    zeroCount[14] = 0
    expect(decodeDatagram(zeroCount)).toEqual({ ok: false, fault: 'bad-length' })
    const version = Buffer.from(input)
    version[0] = 2
    expect(decodeDatagram(version)).toEqual({ ok: false, fault: 'bad-version' })
    const type = Buffer.from(input)
    type[1] = 9
    expect(decodeDatagram(type)).toEqual({ ok: false, fault: 'bad-type' })
    expect(decodeDatagram(Buffer.concat([encodeHello(header), Buffer.from([1])]))).toEqual({
      ok: false,
      fault: 'bad-length',
    })
    const lying = encodeSnapshot(header, snapshot)
    lying[34] = 30 // claims 30 players
    expect(decodeDatagram(lying)).toEqual({ ok: false, fault: 'bad-length' })
  })

  it('keeps a snapshot of a crowded neighbourhood within 512 bytes', () => {
    const crowd = Array.from({ length: 40 }, (_, i) => ({ slot: i, x: i, y: i }))
    const pickups = Array.from({ length: 24 }, (_, i) => ({ pickupId: i, x: i, y: i }))
    const bytes = encodeSnapshot(header, { ...snapshot, players: crowd, pickups })
    expect(bytes.length).toBeLessThanOrEqual(MAX_DATAGRAM_BYTES)
    expect(decodeDatagram(bytes).ok).toBe(true)
  })
})
