import { describe, expect, it } from 'vitest'
import { parseClientFrame } from './parse-frame'

describe('parseClientFrame', () => {
  it('takes a watch list, without repeats', () =>
    expect(parseClientFrame({ type: 'watch', postIds: ['1', '2', '1'] })).toEqual({
      type: 'watch',
      postIds: ['1', '2'],
    }))
  it('refuses other types, non-ids and long lists', () => {
    expect(parseClientFrame({ type: 'post' })).toHaveProperty('error')
    expect(parseClientFrame({ type: 'watch', postIds: ['1', 2] })).toHaveProperty('error')
    expect(parseClientFrame({ type: 'watch', postIds: ["1' OR 1=1"] })).toHaveProperty('error')
    expect(
      parseClientFrame({ type: 'watch', postIds: Array.from({ length: 101 }, (_, i) => String(i + 1)) }),
    ).toHaveProperty('error')
  })
})
