import { describe, expect, it } from 'vitest'
import { cleanText, MAX_TEXT_CHARS, toParts } from './chat-text'

describe('chat text', () => {
  it('turns known emote codes into emote parts and leaves the rest as text', () => {
    expect(toParts('gg :Kappa: :Nope: :LUL:')).toEqual([
      { type: 'text', text: 'gg ' },
      { type: 'emote', name: 'Kappa' },
      { type: 'text', text: ' :Nope: ' },
      { type: 'emote', name: 'LUL' },
    ])
  })

  it('keeps markup as plain characters', () => {
    expect(toParts(cleanText('<script>alert(1)</script>'))).toEqual([
      { type: 'text', text: '<script>alert(1)</script>' },
    ])
  })

  it('refuses empty, non-string and too long texts, counting code points', () => {
    expect(() => cleanText('  \n ')).toThrow('empty')
    expect(() => cleanText(5)).toThrow('string')
    expect(cleanText('😀'.repeat(MAX_TEXT_CHARS))).toHaveLength(MAX_TEXT_CHARS * 2)
    expect(() => cleanText('x'.repeat(MAX_TEXT_CHARS + 1))).toThrow('at most 500')
  })

  it('turns control characters and bidi overrides into spaces', () => {
    expect(cleanText('a\u0000b\u202ec')).toBe('a b c')
  })
})
