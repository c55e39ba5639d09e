import { describe, expect, it } from 'vitest'
import { type CachedObject, createEdgeCache, freshSeconds } from './edge-cache'

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

  it('refetches a live playlist (max-age=1) after its second and keeps an immutable segment', async () => {
    let clock = 1_000_000
    const fetched: string[] = []
    const cache = createEdgeCache({
      maxBytes: 10_000,
      now: () => clock,
      fetch: async (key) => {
        fetched.push(key)
        return key.endsWith('.m3u8')
          ? object(10, 'public, max-age=1')
          : object(100, 'public, max-age=31536000, immutable')
      },
    })
    for (let tick = 0; tick < 3; tick += 1) {
      await cache.get('/live/index.m3u8')
      await cache.get('/live/0.ts')
      clock += 400 // 0, 400, 800 ms: still fresh
    }
    expect(fetched).toEqual(['/live/index.m3u8', '/live/0.ts'])
    const aged = await cache.get('/live/index.m3u8') // 1,200 ms after the fetch: stale
    expect(aged.hit).toBe(false)
    expect((await cache.get('/live/0.ts')).ageSeconds).toBe(1)
    expect(fetched).toEqual(['/live/index.m3u8', '/live/0.ts', '/live/index.m3u8'])
    expect(cache.stats()).toMatchObject({ misses: 3, expired: 1, originRequests: 3 })
  })

  it('reads freshness from Cache-Control only for public 200 answers', () => {
    expect(freshSeconds(object(1, 'public, max-age=1'))).toBe(1)
    expect(freshSeconds(object(1, 'public, max-age=31536000, immutable'))).toBe(31_536_000)
    expect(freshSeconds(object(1, 'private, max-age=60'))).toBe(0)
    expect(freshSeconds(object(1, 'public'))).toBe(0)
    expect(freshSeconds(object(1, 'public, max-age=60, no-store'))).toBe(0)
    expect(freshSeconds({ ...object(1), status: 404 })).toBe(0)
  })
})
