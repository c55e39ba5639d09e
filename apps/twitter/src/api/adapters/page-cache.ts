import { LRUCache } from 'lru-cache'

export interface CachedPage {
  body: string
  etag: string
}

/**
 * Rendered feed pages, per reader and cursor, for a short while (FEED_CACHE_MS, default 1 s).
 * A feed is read far more often than it changes, and most of a page's cost is hydration (three
 * gRPC services); within the window a reader's refreshes, and their 304 revalidations, cost one
 * memory lookup. What a reader does through this api (post, like, follow) drops their pages at
 * once, so they see their own actions; other readers' likes and posts show within the window.
 */
export class FeedPageCache {
  private readonly pages: LRUCache<string, CachedPage> | undefined
  private readonly keysOfReader = new Map<string, Set<string>>()

  constructor(private readonly ttlMs: number) {
    this.pages =
      ttlMs > 0
        ? new LRUCache<string, CachedPage>({
            max: 20_000,
            ttl: ttlMs,
            dispose: (_page, key) => this.keysOfReader.get(readerOf(key))?.delete(key),
          })
        : undefined
  }

  get(readerId: string, cursor: string | undefined): CachedPage | undefined {
    return this.pages?.get(keyOf(readerId, cursor))
  }

  set(readerId: string, cursor: string | undefined, page: CachedPage): void {
    if (!this.pages) return
    const key = keyOf(readerId, cursor)
    // Jittered, so pages cached in the same instant do not all expire in the same instant and
    // send a herd of misses to the services behind (a stampede every TTL otherwise).
    this.pages.set(key, page, { ttl: Math.round(this.ttlMs * (0.5 + Math.random())) })
    const keys = this.keysOfReader.get(readerId) ?? new Set<string>()
    keys.add(key)
    this.keysOfReader.set(readerId, keys)
  }

  forget(readerId: string): void {
    for (const key of this.keysOfReader.get(readerId) ?? []) this.pages?.delete(key)
    this.keysOfReader.delete(readerId)
  }
}

const keyOf = (readerId: string, cursor: string | undefined) => `${readerId} ${cursor ?? ''}`
const readerOf = (key: string) => key.slice(0, key.indexOf(' '))
