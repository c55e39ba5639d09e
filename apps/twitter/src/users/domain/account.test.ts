import { describe, expect, it } from 'vitest'
import { requireId } from '../../shared/ids'
import { checkPassword, displayNameFor, normalizeHandle } from './account'

describe('account rules', () => {
  it('normalizes handles and refuses odd ones', () => {
    expect(normalizeHandle(' @Alice_1 ')).toBe('alice_1')
    for (const bad of ['ab', 'a'.repeat(21), 'al ice', '<b>x</b>']) expect(() => normalizeHandle(bad)).toThrow(/handle/)
  })
  it('bounds passwords and names', () => {
    expect(() => checkPassword('short')).toThrow(/8-128/)
    expect(displayNameFor('alice', '  ')).toBe('alice')
    expect(() => displayNameFor('alice', 'x'.repeat(51))).toThrow(/50/)
  })
  it('takes only decimal ids', () => {
    expect(requireId('42', 'userId')).toBe('42')
    for (const bad of ['', '0', '-1', '1e3', "1'; DROP", '1'.repeat(19)])
      expect(() => requireId(bad, 'userId')).toThrow()
  })
})
