import type { RedisKey, RedisValue } from '../../client'
import type { Keyspace } from '../keyspace'
import { checkInt64, keyword, NOT_INTEGER, parseInt64, replyError, SYNTAX, toArg, wrongArgs } from '../reply'

export const stringCommands = {
  get(db: Keyspace, key: RedisKey): string | null {
    return db.read(key, 'string') ?? null
  },

  /** Unlike GET, MGET never fails: a missing key or one of another type reads as null. */
  mget(db: Keyspace, ...keys: RedisKey[]): (string | null)[] {
    if (keys.length === 0) throw wrongArgs('mget')
    return keys.map((key) => {
      const entry = db.lookup(key)
      return entry?.type === 'string' ? entry.value : null
    })
  },

  /** SET key value [NX | XX] [EX seconds | PX milliseconds | KEEPTTL], options in any order. */
  set(db: Keyspace, key: RedisKey, value: RedisValue, ...options: RedisValue[]): 'OK' | null {
    const { condition, ttlMs, keepTtl } = parseSetOptions(options)
    const exists = db.lookup(key) !== undefined
    if ((condition === 'NX' && exists) || (condition === 'XX' && !exists)) return null
    db.setString(key, toArg(value), keepTtl)
    if (ttlMs !== undefined) db.setDeadline(key, db.now() + ttlMs)
    return 'OK'
  },

  /**
   * Counters. The read-modify-write happens in one synchronous step, so two clients calling
   * DECR on the last item of stock can never both see it: the atomicity Amazon's checkout
   * relies on holds in the twin too.
   */
  incr(db: Keyspace, key: RedisKey): number {
    return addToCounter(db, key, 1n)
  },

  incrby(db: Keyspace, key: RedisKey, increment: RedisValue): number {
    return addToCounter(db, key, parseInt64(increment))
  },

  decr(db: Keyspace, key: RedisKey): number {
    return addToCounter(db, key, -1n)
  },

  decrby(db: Keyspace, key: RedisKey, decrement: RedisValue): number {
    const amount = parseInt64(decrement)
    if (amount === -(2n ** 63n)) throw replyError('ERR decrement would overflow')
    return addToCounter(db, key, -amount)
  },
}

function addToCounter(db: Keyspace, key: RedisKey, delta: bigint): number {
  const current = db.read(key, 'string')
  const next = checkInt64(
    (current === undefined ? 0n : parseInt64(current)) + delta,
    'ERR increment or decrement would overflow',
  )
  // INCR keeps the key's TTL: a rate-limit window does not restart on every hit.
  db.setString(key, next.toString(), true)
  // ioredis turns integer replies into JS numbers, exact up to 2^53.
  return Number(next)
}

interface SetOptions {
  condition?: 'NX' | 'XX'
  ttlMs?: number
  keepTtl: boolean
}

function parseSetOptions(options: RedisValue[]): SetOptions {
  const parsed: SetOptions = { keepTtl: false }
  let hasExpiry = false
  for (let i = 0; i < options.length; i++) {
    const option = keyword(options[i])
    if ((option === 'NX' || option === 'XX') && parsed.condition === undefined) {
      parsed.condition = option
    } else if (option === 'KEEPTTL' && !hasExpiry) {
      parsed.keepTtl = hasExpiry = true
    } else if ((option === 'EX' || option === 'PX') && !hasExpiry && i + 1 < options.length) {
      const amount = parseInt64(options[++i]!, NOT_INTEGER)
      if (amount <= 0n) throw replyError(`ERR invalid expire time in 'set' command`)
      parsed.ttlMs = Number(amount) * (option === 'EX' ? 1000 : 1)
      hasExpiry = true
    } else {
      throw replyError(option === 'GET' || option === 'EXAT' || option === 'PXAT' ? unsupported(option) : SYNTAX)
    }
  }
  return parsed
}

function unsupported(option: string): string {
  return `ERR MemoryRedis does not implement SET ${option}`
}
