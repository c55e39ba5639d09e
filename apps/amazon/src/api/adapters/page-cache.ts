import { createHash } from 'node:crypto'

export interface CachedPage {
  body: string
  etag: string
}

/**
 * Catalogue pages, kept in the api's memory for `ttlMs`: the hot path of a shop is people
 * paging and searching, and a page changes only when the catalogue does. A bounded Map in
 * insertion order (the oldest entry goes first when full), so a flood of distinct searches
 * cannot grow memory. Each api replica has its own copy; clients and CDNs cache by ETag too.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage & { until: number }>()

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1_000,
  ) {}

  async get(key: string, load: () => Promise<unknown>): Promise<CachedPage> {
    const now = Date.now()
    const hit = this.pages.get(key)
    if (hit && hit.until > now) return hit
    const body = JSON.stringify(await load())
    const page = { body, etag: etagOf(body), until: now + this.ttlMs }
    this.pages.delete(key)
    this.pages.set(key, page)
    if (this.pages.size > this.maxEntries) this.pages.delete(this.pages.keys().next().value!)
    return page
  }
}

/** A strong ETag: the body's hash, so two replicas give the same tag for the same page. */
export const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
