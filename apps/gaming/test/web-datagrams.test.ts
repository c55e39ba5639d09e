import { describe, expect, it } from 'vitest'
import { decodeSnapshot, encodeHello, encodeInput, MAX_INPUTS } from '../web/datagrams.js'

// The page's datagram codec (web/datagrams.js), checked byte by byte against the README's layout.
const session = { connectionId: 0x01020304, sessionToken: 0xdeadbeef }
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const fromHex = (text: string) => new Uint8Array(Buffer.from(text.replace(/[\s|]/g, ''), 'hex'))

describe('the browser datagram codec', () => {
  it('writes a hello as the bare 14-byte header, big-endian', () => {
    expect(hex(encodeHello(session, 7))).toBe('01' + '01' + '01020304' + 'deadbeef' + '00000007')
  })

  it('writes an input datagram: header, count, then 6 bytes per input (u32 seq, i8 x, i8 y), oldest first', () => {
    const bytes = encodeInput(session, 0x0a0b0c0d, [
      { seq: 1, moveX: 127, moveY: -127 },
      { seq: 258, moveX: 0, moveY: -1 },
    ])
    expect(bytes.byteLength).toBe(14 + 1 + 2 * 6)
    expect(hex(bytes)).toBe(
      '01' + '02' + '01020304' + 'deadbeef' + '0a0b0c0d' + '02' + '00000001' + '7f' + '81' + '00000102' + '00' + 'ff',
    )
  })

  it('keeps each axis an i8 (−127…127, whole numbers) and refuses 0 or more than 8 inputs', () => {
    const bytes = encodeInput(session, 1, [{ seq: 5, moveX: 300, moveY: -12.6 }])
    expect(hex(bytes.subarray(15))).toBe('00000005' + '7f' + 'f3')
    expect(() => encodeInput(session, 1, [])).toThrow(RangeError)
    const nine = Array.from({ length: MAX_INPUTS + 1 }, (_, index) => ({ seq: index + 1, moveX: 0, moveY: 0 }))
    expect(() => encodeInput(session, 1, nine)).toThrow(RangeError)
  })

  it('reads a snapshot built by hand: you, the players near you, the pickups near you', () => {
    const bytes = fromHex(`
      01 03 01020304 deadbeef 00000063 | 00000e10 0000002a 0005 42c90000 437a0000 0007
      02 | 0001 41400000 44770000 | 0102 43962000 42c90000
      01 | 0009 437a0000 437a0000`)
    expect(decodeSnapshot(bytes)).toEqual({
      type: 3,
      connectionId: 0x01020304,
      sessionToken: 0xdeadbeef,
      seq: 99,
      tick: 3600,
      ackInputSeq: 42,
      slot: 5,
      x: 100.5,
      y: 250,
      score: 7,
      players: [
        { slot: 1, x: 12, y: 988 },
        { slot: 258, x: 300.25, y: 100.5 },
      ],
      pickups: [{ pickupId: 9, x: 250, y: 250 }],
    })
    // The same bytes from an ArrayBuffer (what a WebSocket hands the page).
    expect(decodeSnapshot(bytes.slice().buffer)?.players).toHaveLength(2)
  })

  it('drops a snapshot that is cut short, too long, of another type or version', () => {
    const good = fromHex('01 03 00000001 00000002 00000003 | 00000001 00000000 0000 00000000 00000000 0000 | 00 | 00')
    expect(decodeSnapshot(good)?.tick).toBe(1)
    expect(decodeSnapshot(good.subarray(0, good.length - 1))).toBeUndefined()
    expect(decodeSnapshot(new Uint8Array([...good, 0]))).toBeUndefined()
    const saysOnePlayer = good.slice()
    saysOnePlayer[34] = 1
    expect(decodeSnapshot(saysOnePlayer)).toBeUndefined()
    const wrongType = good.slice()
    wrongType[1] = 2
    expect(decodeSnapshot(wrongType)).toBeUndefined()
    const wrongVersion = good.slice()
    wrongVersion[0] = 2
    expect(decodeSnapshot(wrongVersion)).toBeUndefined()
  })
})
