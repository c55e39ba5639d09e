import { describe, expect, it } from 'vitest'
import { streamKeys } from './stream-key'

describe('stream keys', () => {
  const keys = streamKeys('deployment secret')

  it('opens the channel it was issued for', () => {
    expect(keys.verify(keys.issue('ada_plays'))).toBe('ada_plays')
  })

  it("refuses another deployment's key, another channel's mac, and malformed keys", () => {
    const issued = keys.issue('ada_plays')
    expect(() => streamKeys('other secret').verify(issued)).toThrow('wrong stream key')
    const mac = issued.slice('live_ada_plays_'.length)
    expect(() => keys.verify(`live_bob_plays_${mac}`)).toThrow('wrong stream key')
    expect(() => keys.verify('live_ada_plays')).toThrow('malformed stream key')
    expect(() => keys.verify(undefined)).toThrow('malformed stream key')
    expect(() => keys.issue('Ada Plays')).toThrow('channel')
  })
})
