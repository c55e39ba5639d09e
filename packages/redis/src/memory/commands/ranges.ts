import type { RedisKey, RedisValue } from '../../client'
import type { Keyspace } from '../keyspace'
import { formatScore, keyword, parseInteger, parseScoreBound, replyError, SYNTAX } from '../reply'
import type { Entry, SortedSet } from '../sorted-set'

/** One range read, however it was spelled (ZRANGE with options, or the older ZREV* / *BYSCORE). */
interface RangeQuery {
  by: 'rank' | 'score'
  rev: boolean
  /** As given: ranks, or [min, max] scores (ZRANGE ... BYSCORE REV takes max first; callers swap). */
  start: RedisValue
  stop: RedisValue
  offset: number
  /** -1 means no LIMIT. */
  count: number
  withScores: boolean
}

export const rangeCommands = {
  /** ZRANGE key start stop [BYSCORE] [REV] [LIMIT offset count] [WITHSCORES] */
  zrange(db: Keyspace, key: RedisKey, start: RedisValue, stop: RedisValue, ...options: RedisValue[]): string[] {
    const query = parseOptions({ start, stop }, options, ['BYSCORE', 'REV', 'LIMIT', 'WITHSCORES'])
    if (query.count !== -1 && query.by === 'rank') {
      throw replyError('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX')
    }
    if (query.by === 'score' && query.rev) [query.start, query.stop] = [stop, start]
    return runRange(db, key, query)
  },

  zrevrange(db: Keyspace, key: RedisKey, start: RedisValue, stop: RedisValue, ...options: RedisValue[]): string[] {
    return runRange(db, key, { ...parseOptions({ start, stop }, options, ['WITHSCORES']), rev: true })
  },

  zrangebyscore(db: Keyspace, key: RedisKey, min: RedisValue, max: RedisValue, ...options: RedisValue[]): string[] {
    const query = parseOptions({ start: min, stop: max }, options, ['WITHSCORES', 'LIMIT'])
    return runRange(db, key, { ...query, by: 'score' })
  },

  zrevrangebyscore(db: Keyspace, key: RedisKey, max: RedisValue, min: RedisValue, ...options: RedisValue[]): string[] {
    const query = parseOptions({ start: min, stop: max }, options, ['WITHSCORES', 'LIMIT'])
    return runRange(db, key, { ...query, by: 'score', rev: true })
  },
}

function parseOptions(
  bounds: { start: RedisValue; stop: RedisValue },
  options: RedisValue[],
  allowed: string[],
): RangeQuery {
  const query: RangeQuery = { ...bounds, by: 'rank', rev: false, offset: 0, count: -1, withScores: false }
  for (let i = 0; i < options.length; i++) {
    const option = keyword(options[i])
    if (option === 'BYLEX' && allowed.includes('BYSCORE')) {
      throw replyError('ERR MemoryRedis does not implement ZRANGE BYLEX')
    }
    if (!allowed.includes(option)) throw replyError(SYNTAX)
    if (option === 'BYSCORE') query.by = 'score'
    if (option === 'REV') query.rev = true
    if (option === 'WITHSCORES') query.withScores = true
    if (option === 'LIMIT') {
      if (i + 2 >= options.length) throw replyError(SYNTAX)
      query.offset = parseInteger(options[++i]!)
      query.count = parseInteger(options[++i]!)
    }
  }
  return query
}

function runRange(db: Keyspace, key: RedisKey, query: RangeQuery): string[] {
  // Bounds are validated even when the key is missing, as Redis does.
  const select = query.by === 'rank' ? parseRanks(query) : parseScores(query)
  const set = db.read(key, 'zset')
  if (set === undefined) return []
  const selected = select(set)
  return query.withScores ? selected.flatMap((e) => [e.member, formatScore(e.score)]) : selected.map((e) => e.member)
}

type Select = (set: SortedSet) => Entry[]

function parseRanks(query: RangeQuery): Select {
  const start = parseInteger(query.start)
  const stop = parseInteger(query.stop)
  return (set) => {
    const ranks = clampRanks(start, stop, set.size)
    if (ranks === undefined) return []
    if (!query.rev) return set.byRank(ranks.start, ranks.stop)
    // Reverse ranks count from the highest score: reverse rank 0 is the last entry.
    const last = set.size - 1
    return set.byRank(last - ranks.stop, last - ranks.start).reverse()
  }
}

function parseScores(query: RangeQuery): Select {
  const min = parseScoreBound(query.start)
  const max = parseScoreBound(query.stop)
  return (set) => {
    if (query.offset < 0) return []
    const inRange = set.byScore(min, max)
    const ordered = query.rev ? inRange.reverse() : inRange
    return ordered.slice(query.offset, query.count < 0 ? undefined : query.offset + query.count)
  }
}

/** Redis's rank arithmetic: negative ranks count from the end; undefined when the range is empty. */
export function clampRanks(start: number, stop: number, size: number): { start: number; stop: number } | undefined {
  const from = Math.max(0, start < 0 ? size + start : start)
  const to = Math.min(size - 1, stop < 0 ? size + stop : stop)
  if (from > to || from >= size) return undefined
  return { start: from, stop: to }
}
