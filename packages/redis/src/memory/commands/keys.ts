import type { RedisKey, RedisValue } from '../../client'
import type { Keyspace } from '../keyspace'
import { keyword, parseInt64, replyError, wrongArgs } from '../reply'

const INT64_MAX = 2n ** 63n - 1n

export const keyCommands = {
  del(db: Keyspace, ...keys: RedisKey[]): number {
    if (keys.length === 0) throw wrongArgs('del')
    return keys.filter((key) => db.lookup(key) !== undefined && db.delete(key)).length
  },

  /** Counts a key once per mention, as Redis does: EXISTS k k is 2. */
  exists(db: Keyspace, ...keys: RedisKey[]): number {
    if (keys.length === 0) throw wrongArgs('exists')
    return keys.filter((key) => db.lookup(key) !== undefined).length
  },

  expire(db: Keyspace, key: RedisKey, seconds: RedisValue, ...condition: RedisValue[]): number {
    return setExpiry(db, 'expire', key, seconds, 1000, condition)
  },

  pexpire(db: Keyspace, key: RedisKey, milliseconds: RedisValue, ...condition: RedisValue[]): number {
    return setExpiry(db, 'pexpire', key, milliseconds, 1, condition)
  },

  ttl(db: Keyspace, key: RedisKey): number {
    const remaining = remainingMs(db, key)
    // Redis rounds to the nearest second: a key set with EX 10 reads 10 right away, not 9.
    return remaining < 0 ? remaining : Math.floor((remaining + 500) / 1000)
  },

  pttl(db: Keyspace, key: RedisKey): number {
    return remainingMs(db, key)
  },
}

/** -2 if the key is missing, -1 if it never expires, else milliseconds left. */
function remainingMs(db: Keyspace, key: RedisKey): number {
  if (db.lookup(key) === undefined) return -2
  const deadline = db.deadline(key)
  return deadline === undefined ? -1 : Math.max(0, deadline - db.now())
}

/** EXPIRE / PEXPIRE with Redis 7's NX | XX | GT | LT conditions (no deadline counts as infinite). */
function setExpiry(
  db: Keyspace,
  command: string,
  key: RedisKey,
  amount: RedisValue,
  unitMs: number,
  options: RedisValue[],
): number {
  const flags = new Set(options.map(keyword))
  for (const flag of flags) {
    if (!['NX', 'XX', 'GT', 'LT'].includes(flag)) throw replyError(`ERR Unsupported option ${flag}`)
  }
  if (flags.has('NX') && flags.size > 1) {
    throw replyError('ERR NX and XX, GT or LT options at the same time are not compatible')
  }
  if (flags.has('GT') && flags.has('LT')) throw replyError('ERR GT and LT options at the same time are not compatible')
  const now = BigInt(db.now())
  const deadline = parseInt64(amount) * BigInt(unitMs) + now
  if (deadline > INT64_MAX || deadline < -INT64_MAX) throw replyError(`ERR invalid expire time in '${command}' command`)

  if (db.lookup(key) === undefined) return 0
  const current = db.deadline(key)
  const next = Number(deadline)
  if (flags.has('NX') && current !== undefined) return 0
  if (flags.has('XX') && current === undefined) return 0
  if (flags.has('GT') && (current === undefined || next <= current)) return 0
  if (flags.has('LT') && current !== undefined && next >= current) return 0
  db.setDeadline(key, next)
  return 1
}
