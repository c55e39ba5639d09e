import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe } from 'vitest'
import type { RedisClient } from './client'
import type { ContractContext } from './contract/context'
import { geoContract } from './contract/geo'
import { hashAndSetContract } from './contract/hashes-sets'
import { pubSubContract } from './contract/pubsub'
import { sortedSetContract } from './contract/sorted-sets'
import { stringContract } from './contract/strings'
import { transactionContract } from './contract/transactions'

export type { ContractContext } from './contract/context'

/**
 * The behaviour every RedisClient must have, run against real Redis and against MemoryRedis.
 * If both pass, scenario code cannot tell them apart on the commands the project uses: same
 * replies, same formats (scores, geohashes, distances), same errors. Every key is prefixed
 * with a per-run id, so runs against a shared server never collide, and is deleted afterwards.
 */
export function describeRedisContract(
  name: string,
  makeClient: () => RedisClient | Promise<RedisClient>,
  timeout = 10_000,
): void {
  describe(`Redis contract against ${name}`, { timeout }, () => {
    const run = `contract:${randomUUID().slice(0, 8)}`
    let client: RedisClient | undefined
    let test = 0
    const keys = new Set<string>()
    const connections: RedisClient[] = []
    const context: ContractContext = {
      get redis() {
        if (!client) throw new Error(`${name}: the client under test did not start`)
        return client
      },
      key(suffix) {
        const key = `${run}:${test}:${suffix}`
        keys.add(key)
        return key
      },
      connection() {
        const connection = context.redis.duplicate()
        connections.push(connection)
        return connection
      },
    }

    beforeAll(async () => {
      client = await makeClient()
    }, 60_000)
    afterEach(async () => {
      test++
      for (const connection of connections.splice(0)) connection.disconnect()
      if (keys.size > 0) await context.redis.del(...keys)
      keys.clear()
    })
    afterAll(async () => {
      await client?.quit()
    })

    stringContract(context)
    hashAndSetContract(context)
    sortedSetContract(context)
    geoContract(context)
    transactionContract(context)
    pubSubContract(context)
  })
}
