import { createHash } from 'node:crypto'

/**
 * How many post ids a cached timeline keeps. A reader rarely scrolls past a few hundred posts;
 * older pages are rebuilt from PostgreSQL on demand in a real system (here the feed ends there).
 */
export const TIMELINE_LENGTH = 800

/** Followers are read and written a page at a time: one gRPC page, one Redis pipeline. */
export const FOLLOWER_PAGE = 1_000

/**
 * The checksum of every cached timeline: readers in id order, each as `reader:post,post,...`
 * newest first. Empty timelines are left out, since "never had one" and "emptied by an
 * unfollow" are the same feed. Two sets of timelines are equal exactly when their checksums are.
 */
export function timelinesChecksum(timelines: Map<string, string[]>): {
  timelines: number
  entries: number
  checksum: string
} {
  const hash = createHash('sha256')
  let count = 0
  let entries = 0
  const readers = [...timelines.keys()].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0))
  for (const reader of readers) {
    const posts = timelines.get(reader)!
    if (posts.length === 0) continue
    count += 1
    entries += posts.length
    hash.update(`${reader}:${posts.join(',')}\n`)
  }
  return { timelines: count, entries, checksum: hash.digest('hex') }
}
