import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, parseSince } from './cursor'

describe('cursors', () => {
  it('round-trips a position and ends with null', () => {
    expect(decodeCursor(encodeCursor(42)!)).toBe(42)
    expect(encodeCursor(0)).toBeNull()
    expect(decodeCursor(undefined)).toBe(0)
  })

  it('refuses cursors it did not issue', () => {
    expect(() => decodeCursor('bm9wZQ')).toThrow(/not one this server issued/)
    expect(() => decodeCursor(Buffer.from('seq:-1').toString('base64url'))).toThrow(/not one/)
  })

  it('parses since positions', () => {
    const id = '0b8f9a3e-3a55-4d0a-9a57-1b1f1c1f1a02'
    expect(parseSince(`${id}:12`)).toEqual({ [id]: 12 })
    expect(parseSince('')).toEqual({})
    expect(() => parseSince(`${id}:x`)).toThrow(/is not <conversationId>:<seq>/)
  })
})
