import { describe, expect, it } from 'vitest'
import { clientMessageIdHint, parseClientFrame } from './parse-frame'

const conversationId = '0b8f9a3e-3a55-4d0a-9a57-1b1f1c1f1a02'

describe('parseClientFrame', () => {
  it('reads each frame type', () => {
    expect(parseClientFrame({ type: 'send', conversationId, clientMessageId: 'abcdefgh', text: 'hi' })).toEqual({
      type: 'send',
      conversationId,
      clientMessageId: 'abcdefgh',
      text: 'hi',
      media: undefined,
    })
    expect(parseClientFrame({ type: 'read', conversationId, seq: 3 })).toEqual({
      type: 'read',
      conversationId,
      seq: 3,
    })
    expect(parseClientFrame({ type: 'typing', conversationId })).toEqual({ type: 'typing', conversationId })
  })

  it('refuses malformed frames with a message saying what is wrong', () => {
    expect(() => parseClientFrame({ type: 'teleport' })).toThrow(/unknown frame type 'teleport'/)
    expect(() => parseClientFrame({ kind: 'send' })).toThrow(/string "type"/)
    expect(() => parseClientFrame({ type: 'read', conversationId, seq: 1.5 })).toThrow(/positive integer/)
    expect(() => parseClientFrame({ type: 'typing', conversationId: 'general' })).toThrow(/UUID/)
    expect(() => parseClientFrame({ type: 'send', conversationId, clientMessageId: 'abcdefgh', text: 42 })).toThrow(
      /text must be a string/,
    )
  })

  it('finds the clientMessageId of a refused send', () => {
    expect(clientMessageIdHint({ type: 'send', clientMessageId: 'abcdefgh', text: 7 })).toBe('abcdefgh')
    expect(clientMessageIdHint({ clientMessageId: 'x' })).toBeUndefined()
  })
})
