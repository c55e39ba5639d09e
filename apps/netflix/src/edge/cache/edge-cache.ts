/**
 * The edge's cache, self-contained (no transport, no scenario types) so another scenario's edge
 * (Twitch) can take it as is: an LRU bounded in bytes (lru-cache), request coalescing, and the
 * counters a hit ratio is made of.
 *
 * Coalescing is what lets 50 viewers of one new video cost the origin one request per object:
 * the first miss fetches, and everyone asking for the same key meanwhile waits on that fetch
 * and counts as a hit (they did not reach the origin). Only cacheable answers are kept: a 404
 * or an error is passed on and asked again next time.
 */
import { LRUCache } from 'lru-cache'

export interface CachedObject {
  status: number
  body: Buffer
  headers: Record<string, string>
}

export interface CacheStats {
  requests: number
  hits: number
  misses: number
  originRequests: number
  hitRatio: number
  bytesCached: number
  objects: number
}

export type Fetcher = (key: string) => Promise<CachedObject>

export const isCacheable = (object: CachedObject) =>
  object.status === 200 &&
  /\bpublic\b/.test(object.headers['cache-control'] ?? '') &&
  !/no-store/.test(object.headers['cache-control'] ?? '')

export function createEdgeCache(options: { maxBytes: number; fetch: Fetcher }) {
  const lru = new LRUCache<string, CachedObject>({
    maxSize: options.maxBytes,
    sizeCalculation: (object) => Math.max(1, object.body.length),
  })
  const inflight = new Map<string, Promise<CachedObject>>()
  const counts = { requests: 0, hits: 0, misses: 0, originRequests: 0 }

  const fetchOnce = (key: string) => {
    counts.originRequests += 1
    const pending = options
      .fetch(key)
      .then((object) => {
        if (isCacheable(object)) lru.set(key, object)
        return object
      })
      .finally(() => inflight.delete(key))
    inflight.set(key, pending)
    return pending
  }

  return {
    /** The object and whether the origin was asked for it by this request. */
    async get(key: string): Promise<{ object: CachedObject; hit: boolean }> {
      counts.requests += 1
      const cached = lru.get(key)
      if (cached) {
        counts.hits += 1
        return { object: cached, hit: true }
      }
      const pending = inflight.get(key)
      if (pending) {
        counts.hits += 1
        return { object: await pending, hit: true }
      }
      counts.misses += 1
      return { object: await fetchOnce(key), hit: false }
    },
    stats(): CacheStats {
      const { requests, hits } = counts
      return {
        ...counts,
        hitRatio: requests === 0 ? 0 : hits / requests,
        bytesCached: lru.calculatedSize,
        objects: lru.size,
      }
    },
  }
}

export type EdgeCache = ReturnType<typeof createEdgeCache>
