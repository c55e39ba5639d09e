import type { RedisKey, RedisValue } from '../../client'
import type { Keyspace } from '../keyspace'
import { formatScore, keyword, parseFloat64, parseInteger, replyError, SYNTAX, toArg, wrongArgs } from '../reply'
import { clampRanks } from './ranges'

const ZADD_FLAGS = ['NX', 'XX', 'GT', 'LT', 'CH', 'INCR']

export const sortedSetCommands = {
  /**
   * ZADD key [NX|XX] [GT|LT] [CH] score member [score member ...]. Every score is parsed before
   * anything is written, so a bad pair leaves the set untouched.
   */
  zadd(db: Keyspace, key: RedisKey, ...args: RedisValue[]): number {
    if (args.length < 2) throw wrongArgs('zadd')
    const flags = new Set<string>()
    while (args.length > 0 && ZADD_FLAGS.includes(keyword(args[0]))) flags.add(keyword(args.shift()))
    const pairs = parsePairs(flags, args)
    if (flags.has('INCR')) throw replyError('ERR MemoryRedis does not implement ZADD INCR; use ZINCRBY')
    const set = db.write(key, 'zset')
    let added = 0
    let changed = 0
    for (const [score, member] of pairs) {
      const current = set.score(member)
      if (current === undefined ? flags.has('XX') : flags.has('NX')) continue
      if (current !== undefined && flags.has('GT') && score <= current) continue
      if (current !== undefined && flags.has('LT') && score >= current) continue
      if (current === score) continue
      if (set.add(member, score)) added++
      else changed++
    }
    db.deleteIfEmpty(key, set.size)
    return flags.has('CH') ? added + changed : added
  },

  zscore(db: Keyspace, key: RedisKey, member: RedisValue): string | null {
    const score = db.read(key, 'zset')?.score(toArg(member))
    return score === undefined ? null : formatScore(score)
  },

  zincrby(db: Keyspace, key: RedisKey, increment: RedisValue, member: RedisValue): string {
    const delta = parseFloat64(increment)
    const set = db.write(key, 'zset')
    const score = (set.score(toArg(member)) ?? 0) + delta
    if (Number.isNaN(score)) {
      db.deleteIfEmpty(key, set.size)
      throw replyError('ERR resulting score is not a number (NaN)')
    }
    set.add(toArg(member), score)
    return formatScore(score)
  },

  zrem(db: Keyspace, key: RedisKey, ...members: RedisValue[]): number {
    if (members.length === 0) throw wrongArgs('zrem')
    const set = db.read(key, 'zset')
    if (set === undefined) return 0
    const removed = members.filter((member) => set.remove(toArg(member))).length
    db.deleteIfEmpty(key, set.size)
    return removed
  },

  zcard(db: Keyspace, key: RedisKey): number {
    return db.read(key, 'zset')?.size ?? 0
  },

  /** Trims by rank: ZREMRANGEBYRANK timeline 0 -801 keeps the newest 800 entries. */
  zremrangebyrank(db: Keyspace, key: RedisKey, start: RedisValue, stop: RedisValue): number {
    const from = parseInteger(start)
    const to = parseInteger(stop)
    const set = db.read(key, 'zset')
    if (set === undefined) return 0
    const ranks = clampRanks(from, to, set.size)
    if (ranks === undefined) return 0
    const doomed = set.byRank(ranks.start, ranks.stop)
    for (const { member } of doomed) set.remove(member)
    db.deleteIfEmpty(key, set.size)
    return doomed.length
  },
}

function parsePairs(flags: Set<string>, args: RedisValue[]): [number, string][] {
  if (args.length === 0 || args.length % 2 !== 0) throw replyError(SYNTAX)
  if (flags.has('NX') && flags.has('XX')) throw replyError('ERR XX and NX options at the same time are not compatible')
  if ((flags.has('GT') || flags.has('LT')) && (flags.has('NX') || (flags.has('GT') && flags.has('LT')))) {
    throw replyError('ERR GT, LT, and/or NX options at the same time are not compatible')
  }
  if (flags.has('INCR') && args.length > 2) throw replyError('ERR INCR option supports a single increment-element pair')
  const pairs: [number, string][] = []
  for (let i = 0; i < args.length; i += 2) pairs.push([parseFloat64(args[i]!), toArg(args[i + 1])])
  return pairs
}
