import type { RedisKey, RedisValue } from '../../client'
import { distanceIfInside, type Shape, searchRanges } from '../geo-area'
import { decode, type Point } from '../geohash'
import type { Keyspace } from '../keyspace'
import {
  formatCoordinate,
  formatDistance,
  keyword,
  parseFloat64,
  parseInteger,
  replyError,
  SYNTAX,
  toArg,
  wrongArgs,
} from '../reply'
import { parsePoint, unitFactor } from './geo-args'

type ShapeSize = { kind: 'radius'; radius: number } | { kind: 'box'; width: number; height: number }

interface Search {
  fromMember?: string
  fromPoint?: Point
  size?: ShapeSize
  /** Metres per unit of the shape; WITHDIST prints in that unit. */
  factor: number
  sort?: 'ASC' | 'DESC'
  count?: number
  any: boolean
  withDist: boolean
  withHash: boolean
  withCoord: boolean
}

interface Match {
  member: string
  hash: number
  point: Point
  distance: number
}

/**
 * GEOSEARCH: read the score ranges of the cells around the centre (see geo-area.ts), keep the
 * members really inside the shape, then sort and cut as asked.
 */
export function geosearch(db: Keyspace, key: RedisKey, ...args: RedisValue[]): unknown[] {
  const set = db.read(key, 'zset')
  const search = parseSearch(args)
  if (set === undefined) return []
  let centre = search.fromPoint
  if (search.fromMember !== undefined) {
    const score = set.score(search.fromMember)
    if (score === undefined) throw replyError('ERR could not decode requested zset member')
    centre = decode(score)
  }
  const shape = { ...search.size!, centre: centre!, factor: search.factor } as Shape
  const matches: Match[] = []
  // ANY: stop at the first COUNT matches, nearest or not; the cheap way to find "some drivers".
  const enough = () => search.any && matches.length >= search.count!
  for (const range of searchRanges(shape)) {
    if (enough()) break
    const inCell = set.byScore({ value: range.min, exclusive: false }, { value: range.max, exclusive: true })
    for (const { member, score } of inCell) {
      const point = decode(score)
      const distance = distanceIfInside(shape, point)
      if (distance !== undefined) matches.push({ member, hash: Math.trunc(score), point, distance })
      if (enough()) break
    }
  }
  if (search.sort) matches.sort((a, b) => (search.sort === 'ASC' ? a.distance - b.distance : b.distance - a.distance))
  return matches.slice(0, search.count).map((match) => reply(match, search))
}

function reply(match: Match, search: Search): unknown {
  if (!search.withDist && !search.withHash && !search.withCoord) return match.member
  const row: unknown[] = [match.member]
  if (search.withDist) row.push(formatDistance(match.distance / search.factor))
  if (search.withHash) row.push(match.hash)
  if (search.withCoord) row.push([formatCoordinate(match.point.longitude), formatCoordinate(match.point.latitude)])
  return row
}

function parseSearch(args: RedisValue[]): Search {
  if (args.length < 5) throw wrongArgs('geosearch')
  const search: Search = { factor: 1, any: false, withDist: false, withHash: false, withCoord: false }
  const left = (i: number) => args.length - 1 - i
  for (let i = 0; i < args.length; i++) {
    const option = keyword(args[i])
    if (option === 'FROMMEMBER' && left(i) >= 1 && !search.fromPoint) {
      search.fromMember = toArg(args[++i])
    } else if (option === 'FROMLONLAT' && left(i) >= 2 && search.fromMember === undefined) {
      search.fromPoint = parsePoint(args[++i]!, args[++i]!)
    } else if (option === 'BYRADIUS' && left(i) >= 2 && search.size?.kind !== 'box') {
      const radius = parseFloat64(args[++i]!, 'ERR need numeric radius')
      if (radius < 0) throw replyError('ERR radius cannot be negative')
      search.factor = unitFactor(args[++i])
      search.size = { kind: 'radius', radius }
    } else if (option === 'BYBOX' && left(i) >= 3 && search.size?.kind !== 'radius') {
      const width = parseFloat64(args[++i]!, 'ERR need numeric width')
      const height = parseFloat64(args[++i]!, 'ERR need numeric height')
      if (width < 0 || height < 0) throw replyError('ERR height or width cannot be negative')
      search.factor = unitFactor(args[++i])
      search.size = { kind: 'box', width, height }
    } else if (option === 'ASC' || option === 'DESC') {
      search.sort = option
    } else if (option === 'COUNT' && left(i) >= 1) {
      search.count = parseInteger(args[++i]!)
      if (search.count <= 0) throw replyError('ERR COUNT must be > 0')
    } else if (option === 'ANY') {
      search.any = true
    } else if (option === 'WITHDIST' || option === 'WITHHASH' || option === 'WITHCOORD') {
      const flag = option === 'WITHDIST' ? 'withDist' : option === 'WITHHASH' ? 'withHash' : 'withCoord'
      search[flag] = true
    } else {
      throw replyError(SYNTAX)
    }
  }
  if ((search.fromMember === undefined) === (search.fromPoint === undefined)) {
    throw replyError('ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for geosearch')
  }
  if (search.size === undefined) {
    throw replyError('ERR exactly one of BYRADIUS and BYBOX can be specified for geosearch')
  }
  if (search.any && search.count === undefined) throw replyError('ERR the ANY argument requires COUNT argument')
  // Without ANY, COUNT means "the nearest n": Redis sorts ascending even if no order was asked for.
  if (search.count !== undefined && !search.any && search.sort === undefined) search.sort = 'ASC'
  return search
}
