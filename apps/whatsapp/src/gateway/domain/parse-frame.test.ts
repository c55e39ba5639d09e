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

  it('refuses control characters and over-long text, counting code points, and names the field', () => {
    const send = (text: string) => ({ type: 'send', conversationId, clientMessageId: 'abcdefgh', text })
    expect(() => parseClientFrame(send('a\u0000b'))).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/control character U\+0000/),
        details: { field: 'text' },
      }),
    )
    expect(() => parseClientFrame(send('\u001b[2J'))).toThrow(/control character U\+001B/)
    expect(parseClientFrame(send('tab\tand\nnewline'))).toMatchObject({ text: 'tab\tand\nnewline' })
    expect(parseClientFrame(send('😀'.repeat(2100)))).toMatchObject({ text: '😀'.repeat(2100) })
    expect(() => parseClientFrame(send('😀'.repeat(4097)))).toThrow(/longer than 4096 characters/)
  })

  it('finds the clientMessageId of a refused send', () => {
    expect(clientMessageIdHint({ type: 'send', clientMessageId: 'abcdefgh', text: 7 })).toBe('abcdefgh')
    expect(clientMessageIdHint({ clientMessageId: 'x' })).toBeUndefined()
  })
})
