import type { RedisKey, RedisValue } from '../../client'
import type { Keyspace } from '../keyspace'
import { toArg, wrongArgs } from '../reply'

export const setCommands = {
  sadd(db: Keyspace, key: RedisKey, ...members: RedisValue[]): number {
    if (members.length === 0) throw wrongArgs('sadd')
    const set = db.write(key, 'set')
    const before = set.size
    for (const member of members) set.add(toArg(member))
    return set.size - before
  },

  srem(db: Keyspace, key: RedisKey, ...members: RedisValue[]): number {
    if (members.length === 0) throw wrongArgs('srem')
    const set = db.read(key, 'set')
    if (set === undefined) return 0
    const removed = members.filter((member) => set.delete(toArg(member))).length
    db.deleteIfEmpty(key, set.size)
    return removed
  },

  /** Order is unspecified in Redis too: callers that need an order sort the reply. */
  smembers(db: Keyspace, key: RedisKey): string[] {
    return [...(db.read(key, 'set') ?? [])]
  },

  sismember(db: Keyspace, key: RedisKey, member: RedisValue): number {
    return db.read(key, 'set')?.has(toArg(member)) ? 1 : 0
  },

  scard(db: Keyspace, key: RedisKey): number {
    return db.read(key, 'set')?.size ?? 0
  },
}
