import type { RedisKey } from '../client'
import { replyError, toArg, WRONGTYPE } from './reply'
import { SortedSet } from './sorted-set'

/** What a key can hold; a geo set is a sorted set (`zset`), as in Redis. */
export type Value =
  | { type: 'string'; value: string }
  | { type: 'hash'; value: Map<string, string> }
  | { type: 'set'; value: Set<string> }
  | { type: 'zset'; value: SortedSet }

type Of<T extends Value['type']> = Extract<Value, { type: T }>['value']

const EMPTY: { [T in Value['type']]: () => Of<T> } = {
  string: () => '',
  hash: () => new Map(),
  set: () => new Set(),
  zset: () => new SortedSet(),
}

/**
 * One Redis database: keys, their values and their expiry times.
 *
 * Expiry works like Redis's: a key past its deadline is deleted when anything touches it (lazy),
 * and `sweep()`, run from a timer, deletes the ones nobody touches so they do not pile up (an
 * idle presence key must not live forever). Every method is synchronous, which is what makes
 * each command, and a whole MULTI block, atomic: nothing can run in between.
 */
export class Keyspace {
  private readonly values = new Map<string, Value>()
  /** Deadline in epoch milliseconds, only for keys that have one. */
  private readonly deadlines = new Map<string, number>()

  constructor(readonly now: () => number = Date.now) {}

  /** Keys held, counting expired ones not yet swept (what DBSIZE would say). */
  get size(): number {
    return this.values.size
  }

  /** The live value, or undefined; an expired key is deleted on the way. */
  lookup(key: RedisKey): Value | undefined {
    const name = toArg(key)
    const deadline = this.deadlines.get(name)
    if (deadline !== undefined && deadline <= this.now()) this.delete(name)
    return this.values.get(name)
  }

  /** The value if it has this type, undefined if the key is missing; WRONGTYPE otherwise. */
  read<T extends Value['type']>(key: RedisKey, type: T): Of<T> | undefined {
    const entry = this.lookup(key)
    if (entry === undefined) return undefined
    if (entry.type !== type) throw replyError(WRONGTYPE)
    return entry.value as Of<T> | undefined
  }

  /** Like read, but creates an empty value (without a TTL) when the key is missing. */
  write<T extends Value['type']>(key: RedisKey, type: T): Of<T> {
    const existing = this.read(key, type)
    if (existing !== undefined) return existing
    const value = EMPTY[type]()
    this.values.set(toArg(key), { type, value } as Value)
    return value
  }

  /** SET semantics: replaces whatever the key held; the TTL goes too unless `keepTtl`. */
  setString(key: RedisKey, value: string, keepTtl = false): void {
    const name = toArg(key)
    this.values.set(name, { type: 'string', value })
    if (!keepTtl) this.deadlines.delete(name)
  }

  delete(key: RedisKey): boolean {
    const name = toArg(key)
    this.deadlines.delete(name)
    return this.values.delete(name)
  }

  /** Redis deletes a hash, set or sorted set when its last element goes. */
  deleteIfEmpty(key: RedisKey, size: number): void {
    if (size === 0) this.delete(key)
  }

  deadline(key: RedisKey): number | undefined {
    return this.lookup(key) === undefined ? undefined : this.deadlines.get(toArg(key))
  }

  setDeadline(key: RedisKey, deadline: number): void {
    if (deadline <= this.now()) this.delete(key)
    else this.deadlines.set(toArg(key), deadline)
  }

  /**
   * Active expiry. Redis samples 20 volatile keys at a time to bound its pause; this keyspace
   * is small enough (one demo's worth of keys) to check every key that has a deadline.
   */
  sweep(): number {
    const now = this.now()
    let removed = 0
    for (const [name, deadline] of this.deadlines) {
      if (deadline <= now && this.delete(name)) removed++
    }
    return removed
  }
}
