import { describe, expect, it } from 'vitest'
import { TokenBucket } from './token-bucket'

describe('TokenBucket', () => {
  it('allows a burst of `messages`, then refills at messages/perMs', () => {
    const bucket = new TokenBucket(3, 1_000, 0)
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false])
    expect(bucket.take(333)).toBe(false)
    expect(bucket.take(334)).toBe(true)
    expect(bucket.take(100_000)).toBe(true)
    expect([bucket.take(100_000), bucket.take(100_000), bucket.take(100_000)]).toEqual([true, true, false])
  })

  it('rejects a limit that could never admit a message', () => {
    expect(() => new TokenBucket(0, 1_000, 0)).toThrow(RangeError)
    expect(() => new TokenBucket(5, 0, 0)).toThrow(RangeError)
  })
})
