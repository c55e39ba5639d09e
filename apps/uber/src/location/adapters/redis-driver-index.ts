import type { RedisClient } from '@wired/redis'
import type { LatLon } from '../../shared/city'
import { type LivePosition, redisKeys } from '../../shared/live-positions'
import type { DriverPosition } from '../domain/position'
import type { DriverIndex } from '../use-cases/ingest-fixes'

/** The location service's Redis: see shared/live-positions.ts for the keys. */
export function createRedisDriverIndex(redis: RedisClient, prefix: string): DriverIndex {
  const keys = redisKeys(prefix)
  return {
    async upsert(positions) {
      // One MULTI/EXEC per batch: a single round trip carries the whole batch's GEOADD and ZADD.
      const geo: (string | number)[] = []
      const seen: (string | number)[] = []
      const fixes: string[] = []
      for (const fix of positions) {
        geo.push(fix.position.lon, fix.position.lat, fix.driverId) // GEOADD wants longitude first
        seen.push(fix.receivedAt, fix.driverId)
        fixes.push(fix.driverId, JSON.stringify({ recordedAt: fix.recordedAt, heading: fix.heading }))
      }
      const replies = await redis
        .multi()
        .geoadd(keys.online, ...geo)
        .zadd(keys.lastSeen, ...seen)
        .hset(keys.lastFix, ...fixes)
        .exec()
      const failed = replies?.find(([error]) => error)
      if (failed?.[0]) throw failed[0]
      // Only drivers on a trip have riders watching them (the app reports available=false from
      // the moment it accepts), so only their fixes are fanned out. Commands issued together
      // share the connection's pipeline: no round trip each.
      const watched = positions.filter((fix) => !fix.available)
      await Promise.all(watched.map((fix) => redis.publish(keys.positions(fix.driverId), JSON.stringify(live(fix)))))
    },

    async nearby(center, radiusMetres, limit) {
      const rows = (await redis.geosearch(
        keys.online,
        'FROMLONLAT',
        center.lon,
        center.lat,
        'BYRADIUS',
        radiusMetres,
        'm',
        'ASC',
        'COUNT',
        limit,
        'WITHCOORD',
        'WITHDIST',
      )) as [string, string, [string, string]][]
      return rows.map(([driverId, distance, [lon, lat]]) => ({
        driverId,
        distanceMetres: Number(distance),
        position: { lat: Number(lat), lon: Number(lon) },
      }))
    },

    async positionOf(driverId) {
      // One MULTI: the position and its fix time come from the same moment of the index.
      const replies = (await redis.multi().geopos(keys.online, driverId).hget(keys.lastFix, driverId).exec()) ?? []
      const failed = replies.find(([error]) => error)
      if (failed?.[0]) throw failed[0]
      const found = (replies[0]?.[1] as ([string, string] | null)[] | undefined)?.[0]
      const fix = replies[1]?.[1] as string | null | undefined
      if (!found || !fix) return undefined
      const { recordedAt, heading } = JSON.parse(fix) as { recordedAt: number; heading: number }
      const position: LatLon = { lat: Number(found[1]), lon: Number(found[0]) }
      return { position, recordedAt, heading }
    },

    async remove(driverIds) {
      if (driverIds.length === 0) return
      await redis
        .multi()
        .zrem(keys.online, ...driverIds)
        .zrem(keys.lastSeen, ...driverIds)
        .hdel(keys.lastFix, ...driverIds)
        .exec()
    },

    async silentSince(cutoff) {
      return redis.zrangebyscore(keys.lastSeen, '-inf', `(${cutoff}`)
    },
  }
}

function live(fix: DriverPosition): LivePosition {
  return {
    driverId: fix.driverId,
    lat: fix.position.lat,
    lon: fix.position.lon,
    heading: fix.heading,
    recordedAt: fix.recordedAt,
    receivedAt: fix.receivedAt,
  }
}
