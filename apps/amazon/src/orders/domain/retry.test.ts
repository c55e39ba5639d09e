import { AppError } from '@wired/runtime'
import { describe, expect, it } from 'vitest'
import { retryIdempotent } from './retry'

describe('retryIdempotent', () => {
  it('retries UNAVAILABLE until the call succeeds', async () => {
    let calls = 0
    const result = await retryIdempotent(
      async () => {
        calls++
        if (calls < 3) throw new AppError('UNAVAILABLE', 'down')
        return 'ok'
      },
      { forMs: 1_000, everyMs: 1 },
    )
    expect([result, calls]).toEqual(['ok', 3])
  })
  it('does not retry a refusal', async () => {
    let calls = 0
    const refused = retryIdempotent(
      async () => {
        calls++
        throw new AppError('FAILED_PRECONDITION', 'out of stock')
      },
      { forMs: 1_000, everyMs: 1 },
    )
    await expect(refused).rejects.toThrow('out of stock')
    expect(calls).toBe(1)
  })
})
