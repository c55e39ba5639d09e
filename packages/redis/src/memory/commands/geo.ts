import type { RedisKey, RedisValue } from '../../client'
import { decode, distance, encode } from '../geohash'
import type { Keyspace } from '../keyspace'
import { formatCoordinate, formatDistance, keyword, replyError, SYNTAX, toArg, wrongArgs } from '../reply'
import { parsePoint, unitFactor } from './geo-args'
import { geosearch } from './geosearch'
import { sortedSetCommands } from './sorted-sets'

export const geoCommands = {
  /**
   * GEOADD key [NX|XX] [CH] longitude latitude member ...: a ZADD whose scores are geohashes,
   * so ZREM, ZCARD, ZSCORE and ZRANGE work on the same key.
   */
  geoadd(db: Keyspace, key: RedisKey, ...args: RedisValue[]): number {
    if (args.length < 3) throw wrongArgs('geoadd')
    const flags: string[] = []
    while (['NX', 'XX', 'CH'].includes(keyword(args[0]))) flags.push(keyword(args.shift()))
    const conflicting = flags.includes('NX') && flags.includes('XX')
    if (args.length === 0 || args.length % 3 !== 0 || conflicting) throw replyError(SYNTAX)
    const scoresAndMembers: RedisValue[] = []
    for (let i = 0; i < args.length; i += 3) {
      scoresAndMembers.push(encode(parsePoint(args[i]!, args[i + 1]!)), toArg(args[i + 2]))
    }
    return sortedSetCommands.zadd(db, key, ...flags, ...scoresAndMembers)
  },

  geopos(db: Keyspace, key: RedisKey, ...members: RedisValue[]): ([longitude: string, latitude: string] | null)[] {
    if (members.length === 0) return []
    const set = db.read(key, 'zset')
    return members.map((member) => {
      const score = set?.score(toArg(member))
      if (score === undefined) return null
      const { longitude, latitude } = decode(score)
      return [formatCoordinate(longitude), formatCoordinate(latitude)]
    })
  },

  geodist(
    db: Keyspace,
    key: RedisKey,
    member1: RedisValue,
    member2: RedisValue,
    unit: RedisValue = 'M',
  ): string | null {
    const factor = unitFactor(unit)
    const set = db.read(key, 'zset')
    const from = set?.score(toArg(member1))
    const to = set?.score(toArg(member2))
    if (from === undefined || to === undefined) return null
    return formatDistance(distance(decode(from), decode(to)) / factor)
  },

  geosearch,
}
