import type { RedisKey, RedisValue } from '../../client'
import type { Keyspace } from '../keyspace'
import { checkInt64, parseInt64, toArg, wrongArgs } from '../reply'

type FieldValues = RedisValue | Record<string, RedisValue> | Map<RedisValue, RedisValue>

export const hashCommands = {
  /** HSET key field value [field value ...], or ioredis's `hset(key, { field: value })`. Returns new fields. */
  hset(db: Keyspace, key: RedisKey, ...args: FieldValues[]): number {
    const pairs = fieldValuePairs(args)
    if (pairs.length === 0) throw wrongArgs('hset')
    const hash = db.write(key, 'hash')
    let added = 0
    for (const [field, value] of pairs) {
      if (!hash.has(field)) added++
      hash.set(field, value)
    }
    return added
  },

  hget(db: Keyspace, key: RedisKey, field: RedisValue): string | null {
    return db.read(key, 'hash')?.get(toArg(field)) ?? null
  },

  /** ioredis turns the flat field/value reply into an object; a missing key reads as {}. */
  hgetall(db: Keyspace, key: RedisKey): Record<string, string> {
    return Object.fromEntries(db.read(key, 'hash') ?? [])
  },

  hdel(db: Keyspace, key: RedisKey, ...fields: RedisValue[]): number {
    if (fields.length === 0) throw wrongArgs('hdel')
    const hash = db.read(key, 'hash')
    if (hash === undefined) return 0
    const removed = fields.filter((field) => hash.delete(toArg(field))).length
    db.deleteIfEmpty(key, hash.size)
    return removed
  },

  hincrby(db: Keyspace, key: RedisKey, field: RedisValue, increment: RedisValue): number {
    const delta = parseInt64(increment)
    const current = db.read(key, 'hash')?.get(toArg(field))
    const base = current === undefined ? 0n : parseInt64(current, 'ERR hash value is not an integer')
    const next = checkInt64(base + delta, 'ERR increment or decrement would overflow')
    db.write(key, 'hash').set(toArg(field), next.toString())
    return Number(next)
  },
}

function fieldValuePairs(args: FieldValues[]): [string, string][] {
  const [first] = args
  if (args.length === 1 && first instanceof Map) {
    return [...first].map(([field, value]) => [toArg(field), toArg(value)])
  }
  if (args.length === 1 && typeof first === 'object' && !Buffer.isBuffer(first)) {
    return Object.entries(first as Record<string, RedisValue>).map(([field, value]) => [field, toArg(value)])
  }
  if (args.length % 2 !== 0) throw wrongArgs('hset')
  const pairs: [string, string][] = []
  for (let i = 0; i < args.length; i += 2) pairs.push([toArg(args[i] as RedisValue), toArg(args[i + 1] as RedisValue)])
  return pairs
}
