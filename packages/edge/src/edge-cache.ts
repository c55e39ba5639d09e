/**
 * The edge's cache, self-contained (no transport, no scenario types): an LRU bounded in bytes
 * (lru-cache), request coalescing, freshness from the origin's Cache-Control, and the counters
 * a hit ratio is made of.
 *
 * Coalescing is what lets 100 viewers of one new segment cost the origin one request: the first
 * miss fetches, and everyone asking for the same key meanwhile waits on that fetch and counts as
 * a hit (they did not reach the origin). Only cacheable answers are kept (200, `public`, a
 * max-age above 0, not `no-store`); a 404 or an error is passed on and asked again next time.
 *
 * Freshness is the origin's to decide (RFC 9111 §4.2): an object is served from the cache for
 * `max-age` seconds, then fetched again. A VOD segment says a year (`immutable`) and lives until
 * the LRU evicts it; a live HLS playlist says `max-age=1`, so it is refetched once a second at
 * most, however many viewers poll it: the origin sees one playlist request per second, and a
 * viewer sees a playlist at most one second old.
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
  /** Misses of an object that was cached but no longer fresh (a live playlist after its second). */
  expired: number
  originRequests: number
  hitRatio: number
  bytesCached: number
  objects: number
}

export type Fetcher = (key: string) => Promise<CachedObject>

/** Seconds the origin lets a cache reuse the object; 0 for anything it must not keep. */
export function freshSeconds(object: CachedObject): number {
  const cacheControl = object.headers['cache-control'] ?? ''
  if (object.status !== 200 || !/\bpublic\b/.test(cacheControl) || /\bno-store\b/.test(cacheControl)) return 0
  const maxAge = /\bmax-age=(\d{1,10})\b/.exec(cacheControl)
  return maxAge ? Number(maxAge[1]) : 0
}

export const isCacheable = (object: CachedObject) => freshSeconds(object) > 0

interface Entry {
  object: CachedObject
  fetchedAtMs: number
  expiresAtMs: number
}

export function createEdgeCache(options: { maxBytes: number; fetch: Fetcher; now?: () => number }) {
  const now = options.now ?? Date.now
  const lru = new LRUCache<string, Entry>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry) => Math.max(1, entry.object.body.length),
  })
  const inflight = new Map<string, Promise<CachedObject>>()
  const counts = { requests: 0, hits: 0, misses: 0, expired: 0, originRequests: 0 }

  const fetchOnce = (key: string) => {
    counts.originRequests += 1
    const pending = options
      .fetch(key)
      .then((object) => {
        const seconds = freshSeconds(object)
        if (seconds > 0) {
          const fetchedAtMs = now()
          lru.set(key, { object, fetchedAtMs, expiresAtMs: fetchedAtMs + seconds * 1000 })
        } else lru.delete(key)
        return object
      })
      .finally(() => inflight.delete(key))
    inflight.set(key, pending)
    return pending
  }

  return {
    /**
     * The object, whether this request reached the origin (`hit: false`), and its age in seconds
     * (the `Age` header: a browser subtracts it from max-age, so a playlist is not kept twice as long).
     */
    async get(key: string): Promise<{ object: CachedObject; hit: boolean; ageSeconds: number }> {
      counts.requests += 1
      const cached = lru.get(key)
      if (cached && cached.expiresAtMs > now()) {
        counts.hits += 1
        return { object: cached.object, hit: true, ageSeconds: Math.floor((now() - cached.fetchedAtMs) / 1000) }
      }
      const pending = inflight.get(key)
      if (pending) {
        counts.hits += 1
        return { object: await pending, hit: true, ageSeconds: 0 }
      }
      counts.misses += 1
      if (cached) counts.expired += 1
      return { object: await fetchOnce(key), hit: false, ageSeconds: 0 }
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
