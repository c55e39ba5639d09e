import type { RedisKey, RedisValue } from 'ioredis'

export type { RedisKey, RedisValue }

/** A score, a rank, a count or a duration: ioredis sends numbers and strings alike as text. */
type Num = number | string
type Mode = 'client' | 'multi'
/** On a client a command returns its reply; inside `multi()` it queues and returns the chain. */
type Reply<T, M extends Mode> = M extends 'client' ? Promise<T> : RedisMulti
export type GeoUnit = 'M' | 'KM' | 'FT' | 'MI'

/**
 * The Redis commands this project uses, with ioredis's names, argument shapes and (RESP2)
 * reply types. Both ioredis's `Redis` and the in-process `MemoryRedis` satisfy it, so scenario
 * code is typed once and runs against either. Listing a command here is a promise that the
 * contract suite (src/contract.ts) checks it on both.
 */
export interface RedisCommands<M extends Mode> {
  // keys
  del(...keys: RedisKey[]): Reply<number, M>
  exists(...keys: RedisKey[]): Reply<number, M>
  /** 1 if the deadline was set, 0 if the key is missing or the NX / XX / GT / LT condition failed. */
  expire(key: RedisKey, seconds: Num): Reply<number, M>
  expire(key: RedisKey, seconds: Num, condition: 'NX' | 'XX' | 'GT' | 'LT'): Reply<number, M>
  pexpire(key: RedisKey, milliseconds: Num): Reply<number, M>
  pexpire(key: RedisKey, milliseconds: Num, condition: 'NX' | 'XX' | 'GT' | 'LT'): Reply<number, M>
  /** Seconds (rounded) / milliseconds left: -1 if the key never expires, -2 if it does not exist. */
  ttl(key: RedisKey): Reply<number, M>
  pttl(key: RedisKey): Reply<number, M>

  // strings and counters
  get(key: RedisKey): Reply<string | null, M>
  mget(...keys: RedisKey[]): Reply<(string | null)[], M>
  /** 'OK', or null when NX / XX stopped the write. */
  set(key: RedisKey, value: RedisValue): Reply<'OK' | null, M>
  set(key: RedisKey, value: RedisValue, condition: 'NX' | 'XX'): Reply<'OK' | null, M>
  set(key: RedisKey, value: RedisValue, keepttl: 'KEEPTTL'): Reply<'OK' | null, M>
  set(key: RedisKey, value: RedisValue, ex: 'EX', seconds: Num): Reply<'OK' | null, M>
  set(key: RedisKey, value: RedisValue, px: 'PX', milliseconds: Num): Reply<'OK' | null, M>
  set(key: RedisKey, value: RedisValue, ex: 'EX', seconds: Num, condition: 'NX' | 'XX'): Reply<'OK' | null, M>
  set(key: RedisKey, value: RedisValue, px: 'PX', milliseconds: Num, condition: 'NX' | 'XX'): Reply<'OK' | null, M>
  incr(key: RedisKey): Reply<number, M>
  incrby(key: RedisKey, increment: Num): Reply<number, M>
  decr(key: RedisKey): Reply<number, M>
  decrby(key: RedisKey, decrement: Num): Reply<number, M>

  // hashes
  hset(key: RedisKey, object: Record<string, RedisValue>): Reply<number, M>
  hset(key: RedisKey, ...fieldsAndValues: RedisValue[]): Reply<number, M>
  hget(key: RedisKey, field: string): Reply<string | null, M>
  hgetall(key: RedisKey): Reply<Record<string, string>, M>
  hdel(key: RedisKey, ...fields: string[]): Reply<number, M>
  hincrby(key: RedisKey, field: string, increment: Num): Reply<number, M>

  // sets
  sadd(key: RedisKey, ...members: RedisValue[]): Reply<number, M>
  srem(key: RedisKey, ...members: RedisValue[]): Reply<number, M>
  smembers(key: RedisKey): Reply<string[], M>
  sismember(key: RedisKey, member: RedisValue): Reply<number, M>
  scard(key: RedisKey): Reply<number, M>

  // sorted sets
  /** `zadd(key, [NX|XX], [GT|LT], [CH], score, member, ...)`: members added (or changed, with CH). */
  zadd(key: RedisKey, ...flagsScoresAndMembers: RedisValue[]): Reply<number, M>
  /** The score as Redis prints it (a string), or null. */
  zscore(key: RedisKey, member: RedisValue): Reply<string | null, M>
  zincrby(key: RedisKey, increment: Num, member: RedisValue): Reply<string, M>
  zrem(key: RedisKey, ...members: RedisValue[]): Reply<number, M>
  zcard(key: RedisKey): Reply<number, M>
  /** By rank (0-based, negative counts from the end); with BYSCORE, start/stop are scores ("(" = exclusive, "-inf"/"+inf"). */
  zrange(key: RedisKey, start: Num, stop: Num): Reply<string[], M>
  zrange(key: RedisKey, start: Num, stop: Num, withscores: 'WITHSCORES'): Reply<string[], M>
  zrange(key: RedisKey, start: Num, stop: Num, rev: 'REV'): Reply<string[], M>
  zrange(key: RedisKey, start: Num, stop: Num, rev: 'REV', withscores: 'WITHSCORES'): Reply<string[], M>
  zrange(key: RedisKey, min: Num, max: Num, byscore: 'BYSCORE'): Reply<string[], M>
  zrange(key: RedisKey, min: Num, max: Num, byscore: 'BYSCORE', withscores: 'WITHSCORES'): Reply<string[], M>
  zrange(key: RedisKey, max: Num, min: Num, byscore: 'BYSCORE', rev: 'REV'): Reply<string[], M>
  zrange(
    key: RedisKey,
    max: Num,
    min: Num,
    byscore: 'BYSCORE',
    rev: 'REV',
    withscores: 'WITHSCORES',
  ): Reply<string[], M>
  zrange(
    key: RedisKey,
    min: Num,
    max: Num,
    byscore: 'BYSCORE',
    limit: 'LIMIT',
    offset: Num,
    count: Num,
  ): Reply<string[], M>
  zrange(
    key: RedisKey,
    max: Num,
    min: Num,
    byscore: 'BYSCORE',
    rev: 'REV',
    limit: 'LIMIT',
    offset: Num,
    count: Num,
  ): Reply<string[], M>
  zrevrange(key: RedisKey, start: Num, stop: Num): Reply<string[], M>
  zrevrange(key: RedisKey, start: Num, stop: Num, withscores: 'WITHSCORES'): Reply<string[], M>
  zrangebyscore(key: RedisKey, min: Num, max: Num): Reply<string[], M>
  zrangebyscore(key: RedisKey, min: Num, max: Num, withscores: 'WITHSCORES'): Reply<string[], M>
  zrangebyscore(key: RedisKey, min: Num, max: Num, limit: 'LIMIT', offset: Num, count: Num): Reply<string[], M>
  zrevrangebyscore(key: RedisKey, max: Num, min: Num): Reply<string[], M>
  zrevrangebyscore(key: RedisKey, max: Num, min: Num, withscores: 'WITHSCORES'): Reply<string[], M>
  zrevrangebyscore(key: RedisKey, max: Num, min: Num, limit: 'LIMIT', offset: Num, count: Num): Reply<string[], M>
  zremrangebyrank(key: RedisKey, start: Num, stop: Num): Reply<number, M>

  // geo: a geo set is a sorted set whose scores are 52-bit geohashes
  /** `geoadd(key, [NX|XX], [CH], longitude, latitude, member, ...)` */
  geoadd(key: RedisKey, ...flagsAndTriples: RedisValue[]): Reply<number, M>
  geopos(key: RedisKey, ...members: RedisValue[]): Reply<([longitude: string, latitude: string] | null)[], M>
  /** Distance as a string with 4 decimals, in metres unless a unit is given; null if a member is missing. */
  geodist(key: RedisKey, member1: RedisValue, member2: RedisValue): Reply<string | null, M>
  geodist(key: RedisKey, member1: RedisValue, member2: RedisValue, unit: GeoUnit): Reply<string | null, M>
  /**
   * `geosearch(key, FROMMEMBER m | FROMLONLAT lon lat, BYRADIUS r unit | BYBOX w h unit,
   * [ASC|DESC], [COUNT n [ANY]], [WITHCOORD], [WITHDIST], [WITHHASH])`: member names, or
   * `[member, dist?, hash?, [lon, lat]?]` rows when a WITH option is given.
   */
  geosearch(key: RedisKey, ...options: RedisValue[]): Reply<unknown[], M>
}

/** A MULTI block: commands queue up, `exec()` runs them with nothing interleaved. */
export interface RedisMulti extends RedisCommands<'multi'> {
  /** One `[error, result]` pair per queued command; a failing command does not roll back the others. */
  exec(): Promise<[error: Error | null, result: unknown][] | null>
}

export interface RedisClient extends RedisCommands<'client'> {
  multi(): RedisMulti
  /** Resolves to the number of clients that received the message (at-most-once delivery). */
  publish(channel: string, message: string): Promise<number>
  subscribe(...channels: string[]): Promise<unknown>
  unsubscribe(...channels: string[]): Promise<unknown>
  psubscribe(...patterns: string[]): Promise<unknown>
  punsubscribe(...patterns: string[]): Promise<unknown>
  on(event: 'message', listener: (channel: string, message: string) => void): this
  on(event: 'pmessage', listener: (pattern: string, channel: string, message: string) => void): this
  on(event: 'error', listener: (error: Error) => void): this
  off(event: 'message', listener: (channel: string, message: string) => void): this
  off(event: 'pmessage', listener: (pattern: string, channel: string, message: string) => void): this
  off(event: 'error', listener: (error: Error) => void): this
  /** A new connection to the same server: what a subscriber needs, since it cannot run other commands. */
  duplicate(): RedisClient
  quit(): Promise<'OK'>
  disconnect(): void
}
