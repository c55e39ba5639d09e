import { randomUUID } from 'node:crypto'
import { resolveInfra } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedis, MemoryRedis, type RedisClient, type RedisValue } from '../src'

type Call = [command: string, args: RedisValue[]]
type Untyped = Record<string, (...args: RedisValue[]) => Promise<unknown>>

/**
 * The contract suite checks chosen cases; this checks the cases nobody thought of. The same
 * seeded stream of commands (valid and invalid arguments, right and wrong key types, points on
 * the antimeridian and at the poles' cut-off) goes to real Redis and to MemoryRedis, and every
 * reply or error must be identical, GEOSEARCH result order included.
 */
describe('MemoryRedis answers exactly like real Redis', () => {
  const prefix = `differential:${randomUUID().slice(0, 8)}:`
  let real: RedisClient
  const twin = new MemoryRedis()

  beforeAll(async () => {
    real = createRedis((await resolveInfra(['redis'])).redisUrl)
  }, 60_000)
  afterAll(async () => {
    await real.del(...['k', 'z', 'g', 'h', 's'].flatMap((family) => [`${prefix}${family}1`, `${prefix}${family}2`]))
    await real.quit()
    twin.disconnect()
  })

  it('on 3000 random commands', { timeout: 30_000 }, async () => {
    const differences: string[] = []
    for (const [command, args] of randomCalls(3000, 20240601, prefix)) {
      const [fromReal, fromTwin] = await Promise.all([settle(real, command, args), settle(twin, command, args)])
      if (fromReal !== fromTwin)
        differences.push(`${command} ${JSON.stringify(args)}\n  real ${fromReal}\n  twin ${fromTwin}`)
    }
    expect(differences.slice(0, 5).join('\n')).toBe('')
  })
})

async function settle(client: RedisClient, command: string, args: RedisValue[]): Promise<string> {
  const call = (client as unknown as Untyped)[command]!
  return call.apply(client, args).then(
    (reply) => JSON.stringify({ reply }),
    (error: Error) => JSON.stringify({ error: error.message }),
  )
}

function* randomCalls(count: number, seed: number, prefix: string): Generator<Call> {
  let state = seed
  const random = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return state / 0x7fffffff
  }
  const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)]!
  const options = (...choices: RedisValue[][]) => pick(choices)
  const member = () => pick(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'])
  const int = () => pick<RedisValue>([0, 1, -1, 2, 3, -2, 10, '7', 'x', 1.5])
  const score = () => pick<RedisValue>([0, 1, -1, 2, 5, 10, 1.5, 0.1, -100, '(1', '(2', '-inf', '+inf', 'x'])
  // Mostly a few blocks of San Francisco, where cell edges fall between drivers; sometimes the map's edges.
  const near = (centre: number, spread: number) => Number((centre + (random() - 0.5) * spread).toFixed(4))
  const longitude = () => (random() < 0.85 ? near(-122.415, 0.03) : pick<RedisValue>([13.36, 180, -180, 181, 'x']))
  const latitude = () => (random() < 0.85 ? near(37.775, 0.02) : pick<RedisValue>([0, 85.05112878, -85.05112878, 86]))
  const unit = () => pick(['km', 'km', 'mi', 'm'])
  const search = (): RedisValue[] => [
    ...(random() < 0.5 ? ['FROMLONLAT', longitude(), latitude()] : ['FROMMEMBER', member()]),
    ...(random() < 0.5
      ? ['BYRADIUS', pick([0.2, 0.5, 1, 2, 50, 2000]), unit()]
      : ['BYBOX', pick([0.5, 1, 3, 500]), pick([0.5, 1, 3]), unit()]),
    ...options([], ['ASC'], ['DESC'], ['COUNT', 2], ['COUNT', 2, 'ANY'], ['COUNT', 3, 'ANY', 'DESC']),
    ...options([], ['WITHDIST'], ['WITHCOORD', 'WITHHASH']),
  ]

  // [command, key family, arguments after the key]; geo commands appear twice to weigh them more.
  const calls: [string, string, () => RedisValue[]][] = [
    ['set', 'k', () => [member(), ...options([], ['NX'], ['XX'], ['EX', int()], ['PX', 5000, 'NX'], ['KEEPTTL'])]],
    ['get', 'k', () => []],
    ['incrby', 'k', () => [int()]],
    ['decr', 'k', () => []],
    ['hset', 'h', () => [member(), int()]],
    ['hincrby', 'h', () => [member(), int()]],
    ['hgetall', 'h', () => []],
    ['sadd', 's', () => [member(), member()]],
    ['srem', 's', () => [member()]],
    ['zadd', 'z', () => [...options([], ['NX'], ['XX'], ['GT', 'CH'], ['LT'], ['CH']), score(), member()]],
    ['zincrby', 'z', () => [score(), member()]],
    ['zscore', 'zg', () => [member()]],
    ['zrem', 'zg', () => [member(), member()]],
    ['zrange', 'zg', () => [int(), int(), ...options([], ['WITHSCORES'], ['REV'], ['REV', 'WITHSCORES'])]],
    ['zrange', 'zg', () => [score(), score(), 'BYSCORE', ...options([], ['REV'], ['LIMIT', int(), int()])]],
    ['zrangebyscore', 'zg', () => [score(), score(), ...options([], ['WITHSCORES'], ['LIMIT', int(), int()])]],
    ['zrevrangebyscore', 'zg', () => [score(), score(), ...options([], ['WITHSCORES'], ['LIMIT', int(), int()])]],
    ['zremrangebyrank', 'zg', () => [int(), int()]],
    ['exists', 'zg', () => []],
    ['geoadd', 'g', () => [...options([], [], ['NX'], ['XX', 'CH']), longitude(), latitude(), member()]],
    ['geoadd', 'g', () => [longitude(), latitude(), member()]],
    ['geopos', 'g', () => [member(), member()]],
    ['geodist', 'g', () => [member(), member(), ...options([], ['KM'], ['MI'])]],
    ['geosearch', 'g', search],
    ['geosearch', 'g', search],
  ]
  for (let i = 0; i < count; i++) {
    const [command, families, args] = pick(calls)
    // Mostly the right type of key for the command, sometimes any key: WRONGTYPE must match too.
    const family = random() < 0.05 ? pick(['k', 'z', 'g', 'h', 's']) : pick([...families])
    yield [command, [`${prefix}${family}${random() < 0.5 ? 1 : 2}`, ...args()]]
  }
}
