import { describe, expect, it } from 'vitest'
import { type CachedObject, createEdgeCache } from './edge-cache'

const object = (bytes: number, cacheControl = 'public, max-age=60'): CachedObject => ({
  status: 200,
  body: Buffer.alloc(bytes),
  headers: { 'cache-control': cacheControl },
})

describe('edge cache', () => {
  it('coalesces concurrent misses into one origin request', async () => {
    let fetched = 0
    const cache = createEdgeCache({
      maxBytes: 1_000,
      fetch: async () => {
        fetched += 1
        await new Promise((resolve) => setTimeout(resolve, 10))
        return object(10)
      },
    })
    await Promise.all(Array.from({ length: 50 }, () => cache.get('/a')))
    await cache.get('/a')
    expect(fetched).toBe(1)
    expect(cache.stats()).toMatchObject({ requests: 51, hits: 50, misses: 1, originRequests: 1 })
    expect(cache.stats().hitRatio).toBeCloseTo(50 / 51)
  })
  it('evicts by bytes and never keeps an uncacheable answer', async () => {
    let fetched = 0
    const cache = createEdgeCache({
      maxBytes: 100,
      fetch: async (key) => {
        fetched += 1
        return key === '/private' ? object(10, 'no-store') : object(60)
      },
    })
    await cache.get('/x')
    await cache.get('/y') // evicts /x: 120 bytes do not fit in 100
    await cache.get('/x')
    await cache.get('/private')
    await cache.get('/private')
    expect(fetched).toBe(5)
    expect(cache.stats().bytesCached).toBeLessThanOrEqual(100)
  })
})
