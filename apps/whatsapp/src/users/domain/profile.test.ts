import { describe, expect, it } from 'vitest'
import { checkAbout, checkDisplayName, defaultDisplayName, normalizeHandle } from './profile'

describe('profile rules', () => {
  it('normalizes handles and refuses odd ones', () => {
    expect(normalizeHandle(' Alice.B ')).toBe('alice.b')
    expect(() => normalizeHandle('al')).toThrow(/3 to 32/)
    expect(() => normalizeHandle('alice smith')).toThrow(/a-z/)
  })

  it('bounds display names and about texts', () => {
    expect(checkDisplayName('  Bob ')).toBe('Bob')
    expect(() => checkDisplayName('   ')).toThrow(/1 to 64/)
    expect(() => checkAbout('x'.repeat(141))).toThrow(/140/)
    expect(defaultDisplayName('carol')).toBe('Carol')
    expect(() => checkDisplayName('a\u0000b')).toThrow(/control characters/)
    expect(() => checkAbout('line\nbreak')).toThrow(/control characters/)
  })
})
