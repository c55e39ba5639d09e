import { resolveInfra } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RedisClient } from './client'
import { createRedis } from './create-redis'
import { MemoryRedis } from './memory/memory-redis'
import { type RedisScript, runScript } from './script'

/** One step of a script's contract: a command or a script run, and the reply it must give on both. */
export type ScriptStep =
  | { run: RedisScript<unknown>; keys: string[]; args: Array<string | number> }
  | { command: string; args: Array<string | number> }

/**
 * A script's Lua and its JavaScript twin must agree: runs each case's steps on MemoryRedis and
 * on real Redis (`resolveInfra(['redis'])`) and requires the same reply at every step. Keys
 * are prefixed per run, so cases never see each other's data.
 */
export function describeScriptContract(title: string, cases: Record<string, ScriptStep[]>) {
  describe(`script contract: ${title}`, () => {
    let real: RedisClient
    let twin: RedisClient
    beforeAll(async () => {
      real = createRedis((await resolveInfra(['redis'])).redisUrl)
      twin = new MemoryRedis()
    })
    afterAll(async () => {
      await real?.quit()
      await twin?.quit()
    })

    const play = async (client: RedisClient, prefix: string, steps: ScriptStep[]) => {
      const replies: unknown[] = []
      for (const step of steps) {
        try {
          if ('run' in step)
            replies.push(
              await runScript(
                client,
                step.run,
                step.keys.map((key) => prefix + key),
                step.args,
              ),
            )
          else {
            const [key, ...rest] = step.args
            const method = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[step.command]
            if (!method) throw new Error(`no command ${step.command}`)
            replies.push(await method.call(client, prefix + String(key), ...rest))
          }
        } catch (error) {
          replies.push({ error: (error as Error).message.split(' ')[0] })
        }
      }
      return replies
    }

    for (const [name, steps] of Object.entries(cases)) {
      it(`${name}: the same replies from Lua on real Redis and from the twin`, async () => {
        const prefix = `script-contract:${process.pid}:${Date.now()}:${Math.random().toString(36).slice(2)}:`
        const onTwin = await play(twin, prefix, steps)
        const onReal = await play(real, prefix, steps)
        expect(onTwin).toEqual(onReal)
      })
    }
  })
}
