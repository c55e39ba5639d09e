import { describe, expect, it } from 'vitest'
import { checkPassword, sessionExpiry } from './credentials'

describe('credentials', () => {
  it('takes passwords of 8 to 128 characters', () => {
    expect(checkPassword('12345678')).toBe('12345678')
    expect(() => checkPassword('1234567')).toThrow(/8 to 128/)
    expect(() => checkPassword('x'.repeat(129))).toThrow(/8 to 128/)
  })

  it('ends a session ttl seconds after it starts', () => {
    expect(sessionExpiry(1_000, 60)).toBe(61_000)
  })
})
