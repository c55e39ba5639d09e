import { resolveInfra } from '@wired/testkit'
import { createRedis, MemoryRedis } from '../src'
import { describeRedisContract } from '../src/contract'

// One suite, two implementations: if both pass, scenario code cannot tell them apart.
describeRedisContract('MemoryRedis', () => new MemoryRedis())
describeRedisContract('real Redis', async () => createRedis((await resolveInfra(['redis'])).redisUrl))
