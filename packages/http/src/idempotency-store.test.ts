import { describe, expect, it } from 'vitest'
import { memoryIdempotencyStore } from './idempotency-store'

describe('memoryIdempotencyStore', () => {
  const response = { statusCode: 201, contentType: 'application/json', body: '{}' }

  it('reserves a key once, then holds the completed response until its TTL', async () => {
    let time = 0
    const store = memoryIdempotencyStore({ now: () => time })
    expect(await store.reserve('k', 'fp', 1_000)).toBe(true)
    expect(await store.reserve('k', 'fp', 1_000)).toBe(false)
    expect(await store.get('k')).toEqual({ state: 'in-flight', fingerprint: 'fp' })

    await store.complete('k', 'fp', response, 10_000)
    time = 9_999
    expect(await store.get('k')).toEqual({ state: 'completed', fingerprint: 'fp', response })
    time = 10_000
    expect(await store.get('k')).toBeUndefined()
    expect(await store.reserve('k', 'fp', 1_000)).toBe(true)
  })

  it('frees a reservation abandoned by a crashed request after the lock TTL', async () => {
    let time = 0
    const store = memoryIdempotencyStore({ now: () => time })
    await store.reserve('k', 'fp', 1_000)
    time = 1_000
    expect(await store.reserve('k', 'fp', 1_000)).toBe(true)
    await store.release('k')
    expect(await store.get('k')).toBeUndefined()
  })
})
