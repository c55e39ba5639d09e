import { describe, expect, it } from 'vitest'
import { nextBeforeSeq, pageSize, syncPositions } from './paging'

describe('paging', () => {
  it('bounds the page size', () => {
    expect(pageSize(0)).toBe(50)
    expect(pageSize(10)).toBe(10)
    expect(() => pageSize(201)).toThrow(/between 1 and 200/)
  })

  it('points the next page below the oldest message, or nowhere', () => {
    expect(nextBeforeSeq([9, 8, 7], 3)).toBe(7)
    expect(nextBeforeSeq([2, 1], 2)).toBe(0)
    expect(nextBeforeSeq([9, 8], 3)).toBe(0)
  })

  it('defaults unseen conversations to 0 and refuses negative positions', () => {
    expect([...syncPositions(['a', 'b'], { a: 4 })]).toEqual([
      ['a', 4],
      ['b', 0],
    ])
    expect(() => syncPositions(['a'], { a: -1 })).toThrow(/non-negative/)
  })
})
