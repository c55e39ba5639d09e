import { describe, expect, it } from 'vitest'
import { advanceWatermarks } from './receipts'

describe('advanceWatermarks', () => {
  const start = { deliveredSeq: 3, readSeq: 1 }

  it('moves forward only', () => {
    expect(advanceWatermarks(start, 'delivered', 5, 9)).toEqual({ deliveredSeq: 5, readSeq: 1 })
    expect(advanceWatermarks(start, 'delivered', 2, 9)).toBeUndefined()
    expect(advanceWatermarks(start, 'read', 1, 9)).toBeUndefined()
  })

  it('lets a read lift the delivered watermark too', () => {
    expect(advanceWatermarks(start, 'read', 7, 9)).toEqual({ deliveredSeq: 7, readSeq: 7 })
  })

  it('refuses seqs that are not positive or point past the last message', () => {
    expect(() => advanceWatermarks(start, 'read', 0, 9)).toThrow(/positive/)
    expect(() => advanceWatermarks(start, 'read', 10, 9)).toThrow(/beyond the last message/)
  })
})
