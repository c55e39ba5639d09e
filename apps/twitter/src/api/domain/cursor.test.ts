import { describe, expect, it } from 'vitest'
import { CursorCodec, cursorKeyFrom } from './cursor'

const codec = new CursorCodec(cursorKeyFrom('x'.repeat(32)))

describe('CursorCodec', () => {
  it('round-trips for its reader', () => {
    const text = codec.encode({ readerId: '7', beforeId: '123' })
    expect(codec.decode(text, '7')).toEqual({ readerId: '7', beforeId: '123' })
  })
  it("refuses a tampered cursor, one signed with another key, and another reader's", () => {
    const text = codec.encode({ readerId: '7', beforeId: '123' })
    const forged = `${Buffer.from('{"u":"7","b":"999"}').toString('base64url')}.${text.split('.')[1]}`
    expect(() => codec.decode(forged, '7')).toThrow(/not valid/)
    expect(() => new CursorCodec(cursorKeyFrom('y'.repeat(32))).decode(text, '7')).toThrow(/not valid/)
    expect(() => codec.decode(text, '8')).toThrow(/another reader/)
    for (const junk of ['', '.', 'abc', 'a.b.c']) expect(() => codec.decode(junk, '7')).toThrow(/not valid/)
  })
})
