import { describe, expect, it } from 'vitest'
import { mergeNewestFirst } from './feed-merge'

describe('mergeNewestFirst', () => {
  it('interleaves both lists by id, numerically, without repeats', () =>
    expect(mergeNewestFirst(['12', '9', '3'], ['10', '9', '2'], 10)).toEqual(['12', '10', '9', '3', '2']))
  it('cuts to the page size', () => expect(mergeNewestFirst(['5', '4'], ['6', '1'], 2)).toEqual(['6', '5']))
})
