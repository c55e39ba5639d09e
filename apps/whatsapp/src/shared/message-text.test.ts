import { describe, expect, it } from 'vitest'
import { codePointLength, messageTextProblem } from './message-text'

describe('messageTextProblem', () => {
  it('accepts ordinary text, tabs and line feeds', () => {
    expect(messageTextProblem('hello')).toBeUndefined()
    expect(messageTextProblem('one\n\ttwo')).toBeUndefined()
    expect(messageTextProblem('')).toBeUndefined()
  })

  it('refuses every other C0 control character, naming it', () => {
    expect(messageTextProblem('a\u0000b')).toBe('text contains control character U+0000 (only \\n and \\t are allowed)')
    for (let code = 0; code < 0x20; code++) {
      const text = `x${String.fromCharCode(code)}y`
      if (code === 0x09 || code === 0x0a) expect(messageTextProblem(text)).toBeUndefined()
      else expect(messageTextProblem(text)).toMatch(/^text contains control character U\+00[01][0-9A-F] /)
    }
  })

  it('counts the limit in code points, so an emoji is one character', () => {
    expect(messageTextProblem('x'.repeat(4096))).toBeUndefined()
    expect(messageTextProblem('x'.repeat(4097))).toMatch(/longer than 4096 characters/)
    expect(messageTextProblem('😀'.repeat(2100))).toBeUndefined()
    expect(messageTextProblem('😀'.repeat(4096))).toBeUndefined()
    expect(messageTextProblem('😀'.repeat(4097))).toMatch(/longer than 4096 characters \(Unicode code points\)/)
  })
})

describe('codePointLength', () => {
  it('counts a surrogate pair once and a lone surrogate once', () => {
    expect('😀'.length).toBe(2)
    expect(codePointLength('😀')).toBe(1)
    expect(codePointLength('a😀b')).toBe(3)
    expect(codePointLength('\ud800')).toBe(1)
  })
})
