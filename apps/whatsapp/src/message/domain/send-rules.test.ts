import { describe, expect, it } from 'vitest'
import { checkMembership, checkResend, checkSend } from './send-rules'

const PREFIX = 'http://127.0.0.1:8082/v1/media/'
const ISSUED = `${PREFIX}7d1c5c3e-2b1a-4c7e-9f0a-1c2d3e4f5a6b`
const check = (command: Parameters<typeof checkSend>[0]) => checkSend(command, PREFIX)

const base = {
  senderId: '0b8f9a3e-3a55-4d0a-9a57-1b1f1c1f1a01',
  conversationId: '0b8f9a3e-3a55-4d0a-9a57-1b1f1c1f1a02',
  clientMessageId: 'client-0001',
  text: 'hello',
}

describe('checkSend', () => {
  it('accepts text, or media without text', () => {
    expect(check(base).text).toBe('hello')
    const media = { url: ISSUED, contentType: 'image/png' }
    expect(check({ ...base, text: '', media }).media).toEqual(media)
  })

  it('refuses bad ids, empty or oversize text, and odd media', () => {
    expect(() => check({ ...base, conversationId: 'general' })).toThrow(/conversationId must be a UUID/)
    expect(() => check({ ...base, clientMessageId: 'x' })).toThrow(/clientMessageId/)
    expect(() => check({ ...base, text: '   ' })).toThrow(/text or media/)
    expect(() => check({ ...base, text: 'x'.repeat(4097) })).toThrow(/longer than 4096/)
    expect(() => check({ ...base, text: 'a\u0000b' })).toThrow(/control character U\+0000/)
    expect(() => check({ ...base, media: { url: ISSUED, contentType: 'text/html' } })).toThrow(/contentType/)
  })

  it('accepts only media URLs the media service issued: no third party, no other path', () => {
    for (const url of [
      'file:///etc/passwd',
      'https://tracker.example/pixel.png',
      `${PREFIX}not-an-id`,
      'http://127.0.0.1:8082/v1/other/7d1c5c3e-2b1a-4c7e-9f0a-1c2d3e4f5a6b',
      `${ISSUED}/../../x`,
      `${ISSUED}?track=1`,
    ])
      expect(() => check({ ...base, media: { url, contentType: 'image/png' } }), url).toThrow(/media service issued/)
  })
})

describe('checkSend text rules', () => {
  it('counts code points, so 2,100 emoji fit and 4,097 do not', () => {
    expect(check({ ...base, text: '😀'.repeat(2100) }).text).toBe('😀'.repeat(2100))
    expect(check({ ...base, text: 'x'.repeat(4096) }).text).toHaveLength(4096)
    expect(() => check({ ...base, text: '😀'.repeat(4097) })).toThrow(/longer than 4096/)
  })

  it('refuses C0 control characters except tab and line feed, naming the field', () => {
    expect(check({ ...base, text: 'one\n\ttwo' }).text).toBe('one\n\ttwo')
    for (const text of ['a\u0000b', 'bell\u0007', 'cr\r', '\u001f'])
      expect(() => check({ ...base, text })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field: 'text' } }),
      )
  })
})

describe('checkResend', () => {
  it('lets a resend into the same conversation through and refuses the key in another one', () => {
    expect(() => checkResend({ conversationId: base.conversationId }, base)).not.toThrow()
    expect(() => checkResend({ conversationId: '0b8f9a3e-3a55-4d0a-9a57-1b1f1c1f1a03' }, base)).toThrow(
      expect.objectContaining({
        code: 'ALREADY_EXISTS',
        message: 'clientMessageId client-0001 was already used in another conversation',
        details: { field: 'clientMessageId' },
      }),
    )
  })
})

describe('checkMembership', () => {
  it('lets members post and refuses everyone else', () => {
    expect(() => checkMembership(['a', 'b'], 'a')).not.toThrow()
    expect(() => checkMembership(['a', 'b'], 'c')).toThrow(/not a member/)
  })
})
