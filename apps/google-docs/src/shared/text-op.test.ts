import { describe, expect, it } from 'vitest'
import { apply, charLength, describeInvalidOp, diffToOp, normalize, transform, transformCursor } from './text-op'

describe('text ops over code points', () => {
  it('counts an emoji as one character and never splits it', () => {
    expect(charLength('a👩‍💻é')).toBe(1 + 3 + 1) // the ZWJ sequence is three code points
    expect(apply('😀😀', [1, { d: 1 }])).toBe('😀')
    expect(apply('😀', [1, 'x'])).toBe('😀x')
  })

  it('refuses an op that reaches past the end', () => {
    expect(() => apply('abc', [2, { d: 5 }])).toThrow(/past the end/)
  })

  it('breaks an insert tie by side: left goes first', () => {
    const a = ['A']
    const b = ['B']
    expect(apply(apply('', b), transform(a, b, 'left'))).toBe('AB')
    expect(apply(apply('', a), transform(b, a, 'right'))).toBe('AB')
  })

  it('drops a delete of text the other op already deleted', () => {
    const a = [1, { d: 2 }]
    const b = [2, { d: 2 }]
    expect(apply(apply('abcde', b), transform(a, b, 'right'))).toBe('ae')
    expect(apply(apply('abcde', a), transform(b, a, 'left'))).toBe('ae')
  })

  it('diffs a textarea edit into one op, and moves cursors past inserts and deletes', () => {
    expect(diffToOp('hello world', 'hello brave world')).toEqual([6, 'brave '])
    expect(diffToOp('a😀b', 'ab')).toEqual([1, { d: 1 }])
    expect(transformCursor(3, [1, 'xx'])).toBe(5)
    expect(transformCursor(3, [5, 'xx'])).toBe(3)
    expect(transformCursor(3, [1, { d: 4 }])).toBe(1)
    expect(normalize([0, 'a', '', 2, 0])).toEqual(['a'])
  })

  it('says what is wrong with a malformed op', () => {
    expect(describeInvalidOp('abc')).toMatch(/array/)
    expect(describeInvalidOp([1.5])).toMatch(/positive integer/)
    expect(describeInvalidOp([{ d: 1, x: 2 }])).toMatch(/delete/)
    expect(describeInvalidOp(['\uD83D'])).toMatch(/lone surrogates/)
    expect(describeInvalidOp([null])).toMatch(/component/)
    expect(describeInvalidOp([2, 'ok', { d: 1 }])).toBeUndefined()
  })
})
