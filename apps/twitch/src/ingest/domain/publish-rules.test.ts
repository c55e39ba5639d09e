import { describe, expect, it } from 'vitest'
import { endReasonOf, mayPublish } from './publish-rules'

describe('publish rules', () => {
  it('lets one publisher per channel in', () => {
    expect(mayPublish(new Set(['alice']), 'bob')).toBe(true)
    expect(mayPublish(new Set(['alice']), 'alice')).toBe(false)
  })
  it('ends a stream at once on a clean unpublish and after the idle timeout otherwise', () => {
    const base = { unpublished: false, disconnected: false, lastMediaAtMs: 10_000 }
    expect(endReasonOf(base, 14_999, 5_000)).toBeUndefined()
    expect(endReasonOf(base, 15_000, 5_000)).toBe('timeout')
    expect(endReasonOf({ ...base, disconnected: true }, 12_000, 5_000)).toBeUndefined()
    expect(endReasonOf({ ...base, disconnected: true }, 15_000, 5_000)).toBe('timeout')
    expect(endReasonOf({ ...base, disconnected: true, unpublished: true }, 10_001, 5_000)).toBe('closed')
  })
})
