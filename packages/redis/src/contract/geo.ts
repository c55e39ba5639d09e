import { describe, expect, it } from 'vitest'
import { type ContractContext, expectReplyError } from './context'

/** Expected values below were read from a real Redis 7 server; the twin must match to the digit. */
export function geoContract(ctx: ContractContext): void {
  describe('geo', () => {
    const rider = [-122.418, 37.775] as const

    async function drivers(): Promise<string> {
      const key = ctx.key('drivers:sf')
      // longitude first, then latitude, as in every Redis geo command
      const added = await ctx.redis.geoadd(key, -122.4194, 37.7749, 'd1', -122.4089, 37.7837, 'd2')
      expect(added + (await ctx.redis.geoadd(key, -122.4313, 37.7734, 'd3', -122.2711, 37.8044, 'd4'))).toBe(4)
      return key
    }

    it('a geo set is a sorted set scored by 52-bit geohash: ZSCORE, ZRANGE and ZCARD work on it', async () => {
      const key = await drivers()
      expect(await ctx.redis.zscore(key, 'd1')).toBe('1367859919124626')
      expect(await ctx.redis.zrange(key, 0, -1)).toEqual(['d3', 'd1', 'd2', 'd4'])
      expect(await ctx.redis.zcard(key)).toBe(4)
      expect(await ctx.redis.geoadd(key, -122.4194, 37.7749, 'd1')).toBe(0)
      expect(await ctx.redis.geoadd(key, 'CH', -122.42, 37.775, 'd1')).toBe(1)
      expect(await ctx.redis.geoadd(key, 'XX', -122.4, 37.7, 'd9')).toBe(0)
      expect(await ctx.redis.zcard(key)).toBe(4)
    })

    it('GEOPOS returns the stored cell centre as strings, null for a missing member', async () => {
      const key = await drivers()
      expect(await ctx.redis.geopos(key, 'd1', 'nope', 'd4')).toEqual([
        ['-122.41940170526504517', '37.77490001056577995'],
        null,
        ['-122.27110236883163452', '37.80439909541816945'],
      ])
    })

    it('GEODIST uses the haversine on Redis earth radius, 4 decimals, in the unit asked', async () => {
      const key = await drivers()
      expect(await ctx.redis.geodist(key, 'd1', 'd2')).toBe('1345.6481')
      expect(await ctx.redis.geodist(key, 'd1', 'd4', 'KM')).toBe('13.4419')
      expect(await ctx.redis.geodist(key, 'd1', 'd4', 'MI')).toBe('8.3524')
      expect(await ctx.redis.geodist(key, 'd1', 'nope')).toBeNull()
    })

    it('GEOSEARCH FROMLONLAT BYRADIUS, nearest first, with distances and coordinates', async () => {
      const key = await drivers()
      const nearby = await ctx.redis.geosearch(
        key,
        'FROMLONLAT',
        ...rider,
        'BYRADIUS',
        2,
        'km',
        'ASC',
        'WITHDIST',
        'WITHCOORD',
      )
      expect(nearby).toEqual([
        ['d1', '0.1237', ['-122.41940170526504517', '37.77490001056577995']],
        ['d3', '1.1828', ['-122.43129998445510864', '37.77339945563945633']],
        ['d2', '1.2557', ['-122.40889817476272583', '37.78370056243100095']],
      ])
      const farthestFirst = await ctx.redis.geosearch(
        key,
        'FROMLONLAT',
        ...rider,
        'BYRADIUS',
        2,
        'km',
        'DESC',
        'WITHDIST',
      )
      expect(farthestFirst).toEqual([
        ['d2', '1.2557'],
        ['d3', '1.1828'],
        ['d1', '0.1237'],
      ])
      expect(await ctx.redis.geosearch(key, 'FROMLONLAT', ...rider, 'BYRADIUS', 20_000, 'm', 'ASC')).toEqual([
        'd1',
        'd3',
        'd2',
        'd4',
      ])
    })

    it('GEOSEARCH FROMMEMBER BYBOX, with hashes; BYBOX is a width x height rectangle', async () => {
      const key = await drivers()
      expect(
        await ctx.redis.geosearch(key, 'FROMMEMBER', 'd1', 'BYBOX', 3, 3, 'km', 'ASC', 'WITHDIST', 'WITHHASH'),
      ).toEqual([
        ['d1', '0.0000', 1367859919124626],
        ['d3', '1.0593', 1367859910418362],
        ['d2', '1.3456', 1367859960779194],
      ])
      expect(await ctx.redis.geosearch(key, 'FROMLONLAT', ...rider, 'BYBOX', 2.5, 0.5, 'km', 'ASC')).toEqual([
        'd1',
        'd3',
      ])
    })

    it('COUNT n returns the n nearest; COUNT n ANY returns any n matches', async () => {
      const key = await drivers()
      expect(await ctx.redis.geosearch(key, 'FROMLONLAT', ...rider, 'BYRADIUS', 20, 'km', 'COUNT', 2)).toEqual([
        'd1',
        'd3',
      ])
      const any = await ctx.redis.geosearch(key, 'FROMLONLAT', ...rider, 'BYRADIUS', 2, 'km', 'COUNT', 2, 'ANY')
      expect(any).toHaveLength(2)
      for (const driver of any) expect(['d1', 'd2', 'd3']).toContain(driver)
    })

    it('ZREM takes a driver off the map; a missing key searches as empty', async () => {
      const key = await drivers()
      expect(await ctx.redis.zrem(key, 'd1')).toBe(1)
      expect(await ctx.redis.geopos(key, 'd1')).toEqual([null])
      expect(await ctx.redis.geosearch(key, 'FROMLONLAT', ...rider, 'BYRADIUS', 1, 'km')).toEqual([])
      expect(await ctx.redis.geosearch(ctx.key('nowhere'), 'FROMLONLAT', 0, 0, 'BYRADIUS', 1, 'km')).toEqual([])
    })

    it('rejects bad coordinates and options with Redis errors and changes nothing', async () => {
      const key = await drivers()
      await expectReplyError(
        ctx.redis.geoadd(key, 1, 1, 'ok', 200, 100, 'bad'),
        'ERR invalid longitude,latitude pair 200.000000,100.000000',
      )
      await expectReplyError(ctx.redis.geoadd(key, 'abc', 1, 'm'), 'ERR value is not a valid float')
      expect(await ctx.redis.zcard(key)).toBe(4)
      const search = (...options: (string | number)[]) => ctx.redis.geosearch(key, ...options)
      await expectReplyError(
        search('FROMMEMBER', 'ghost', 'BYRADIUS', 1, 'km'),
        'ERR could not decode requested zset member',
      )
      await expectReplyError(
        search('FROMLONLAT', 0, 0, 'BYRADIUS', 1, 'parsec'),
        'ERR unsupported unit provided. please use M, KM, FT, MI',
      )
      await expectReplyError(search('FROMLONLAT', 0, 0, 'BYRADIUS', 'abc', 'km'), 'ERR need numeric radius')
      await expectReplyError(search('FROMLONLAT', 0, 0, 'BYRADIUS', -1, 'km'), 'ERR radius cannot be negative')
      await expectReplyError(search('FROMLONLAT', 0, 0, 'BYRADIUS', 1, 'km', 'COUNT', 0), 'ERR COUNT must be > 0')
      await expectReplyError(
        search('FROMLONLAT', 0, 0, 'BYRADIUS', 1, 'km', 'ANY'),
        'ERR the ANY argument requires COUNT argument',
      )
      await expectReplyError(search('FROMLONLAT', 0, 0, 'BYRADIUS', 1, 'km', 'FROMMEMBER', 'd1'), 'ERR syntax error')
      await ctx.redis.set(ctx.key('text'), 'x')
      await expectReplyError(
        ctx.redis.geoadd(ctx.key('text'), 1, 1, 'm'),
        'WRONGTYPE Operation against a key holding the wrong kind of value',
      )
    })
  })
}
