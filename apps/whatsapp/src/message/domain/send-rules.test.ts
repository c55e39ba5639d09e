import { describe, expect, it } from 'vitest'
import { checkMembership, checkSend } from './send-rules'

const base = {
  senderId: '0b8f9a3e-3a55-4d0a-9a57-1b1f1c1f1a01',
  conversationId: '0b8f9a3e-3a55-4d0a-9a57-1b1f1c1f1a02',
  clientMessageId: 'client-0001',
  text: 'hello',
}

describe('checkSend', () => {
  it('accepts text, or media without text', () => {
    expect(checkSend(base).text).toBe('hello')
    const media = { url: 'http://127.0.0.1:1/v1/media/abc', contentType: 'image/png' }
    expect(checkSend({ ...base, text: '', media }).media).toEqual(media)
  })

  it('refuses bad ids, empty or oversize text, and odd media', () => {
    expect(() => checkSend({ ...base, conversationId: 'general' })).toThrow(/conversationId must be a UUID/)
    expect(() => checkSend({ ...base, clientMessageId: 'x' })).toThrow(/clientMessageId/)
    expect(() => checkSend({ ...base, text: '   ' })).toThrow(/text or media/)
    expect(() => checkSend({ ...base, text: 'x'.repeat(4097) })).toThrow(/longer than 4096/)
    expect(() => checkSend({ ...base, media: { url: 'file:///etc/passwd', contentType: 'image/png' } })).toThrow(
      /http or https/,
    )
    expect(() => checkSend({ ...base, media: { url: 'http://x/y', contentType: 'text/html' } })).toThrow(/contentType/)
  })
})

describe('checkMembership', () => {
  it('lets members post and refuses everyone else', () => {
    expect(() => checkMembership(['a', 'b'], 'a')).not.toThrow()
    expect(() => checkMembership(['a', 'b'], 'c')).toThrow(/not a member/)
  })
})
