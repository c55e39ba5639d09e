import { describe, expect, it } from 'vitest'
import { encodeFrame, FrameError, frameDecoder, MAX_FRAME_BYTES } from './frames'

describe('TCP length-prefixed frames', () => {
  it('reassembles frames split across chunks and separates frames merged in one chunk', () => {
    const stream = Buffer.concat([
      encodeFrame({ type: 'a' }),
      encodeFrame({ type: 'b', text: 'é' }),
      encodeFrame({ type: 'c' }),
    ])
    const decoder = frameDecoder()
    const bodies: string[] = []
    for (let i = 0; i < stream.length; i += 3) bodies.push(...decoder.push(stream.subarray(i, i + 3)))
    expect(bodies.map((b) => JSON.parse(b).type)).toEqual(['a', 'b', 'c'])
    expect(JSON.parse(bodies[1]!).text).toBe('é')
    expect(frameDecoder().push(stream)).toHaveLength(3)
    expect(decoder.buffered).toBe(0)
  })

  it('refuses a length of 0 or over 4096 (the stream cannot be resynchronised)', () => {
    const zero = Buffer.from([0, 0, 0, 0, 123])
    expect(() => frameDecoder().push(zero)).toThrow(FrameError)
    const huge = Buffer.alloc(4)
    huge.writeUInt32BE(MAX_FRAME_BYTES + 1)
    expect(() => frameDecoder().push(huge)).toThrow('outside 1–4096')
    expect(() => encodeFrame({ text: 'x'.repeat(MAX_FRAME_BYTES) })).toThrow(RangeError)
  })
})
