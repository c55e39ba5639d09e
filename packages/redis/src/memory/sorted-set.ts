import type { ScoreBound } from './reply'

export interface Entry {
  member: string
  score: number
}

/**
 * A sorted set: members ordered by score, ties broken by member (Redis compares bytes; this
 * compares UTF-16 code units, which agrees for ASCII members). Redis keeps a skiplist for
 * O(log n) inserts; a sorted array with binary search is O(n) per insert, which is nothing at
 * the sizes an in-process demo holds (a timeline of 800 tweets, a city of drivers).
 */
export class SortedSet {
  private readonly scores = new Map<string, number>()
  private readonly entries: Entry[] = []

  get size(): number {
    return this.entries.length
  }

  score(member: string): number | undefined {
    return this.scores.get(member)
  }

  /** Inserts or moves a member; returns true if it was new. */
  add(member: string, score: number): boolean {
    const old = this.scores.get(member)
    if (old === score) return false
    if (old !== undefined) this.entries.splice(this.indexOf({ member, score: old }), 1)
    this.scores.set(member, score)
    this.entries.splice(this.insertionPoint({ member, score }), 0, { member, score })
    return old === undefined
  }

  remove(member: string): boolean {
    const score = this.scores.get(member)
    if (score === undefined) return false
    this.entries.splice(this.indexOf({ member, score }), 1)
    this.scores.delete(member)
    return true
  }

  /** Entries from rank `start` to `stop` inclusive, already clamped to the set. */
  byRank(start: number, stop: number): Entry[] {
    return this.entries.slice(start, stop + 1)
  }

  /** Entries with min <= score <= max (bounds may be exclusive), in ascending order. */
  byScore(min: ScoreBound, max: ScoreBound): Entry[] {
    const from = this.firstIndex((score) => (min.exclusive ? score > min.value : score >= min.value))
    const to = this.firstIndex((score) => (max.exclusive ? score >= max.value : score > max.value))
    return this.entries.slice(from, Math.max(from, to))
  }

  all(): readonly Entry[] {
    return this.entries
  }

  /** First index whose score passes `test`, for a test that is monotonic in score. */
  private firstIndex(test: (score: number) => boolean): number {
    let low = 0
    let high = this.entries.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (test(this.entries[mid]!.score)) high = mid
      else low = mid + 1
    }
    return low
  }

  private insertionPoint(entry: Entry): number {
    let low = 0
    let high = this.entries.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (compare(this.entries[mid]!, entry) < 0) low = mid + 1
      else high = mid
    }
    return low
  }

  private indexOf(entry: Entry): number {
    return this.insertionPoint(entry)
  }
}

function compare(a: Entry, b: Entry): number {
  if (a.score !== b.score) return a.score < b.score ? -1 : 1
  if (a.member === b.member) return 0
  return a.member < b.member ? -1 : 1
}
