import { createHash } from 'node:crypto'
import type { RedisClient } from './client'

/**
 * What a script body may call in the twin: one data command, run at once and synchronously on
 * the twin's keyspace (`call('get', key)`, `call('decrby', key, 3)`), with ioredis's method
 * names and replies. Nothing else can run while the body runs: the twin is single-threaded.
 */
export type TwinCall = (command: string, ...args: Array<string | number>) => unknown

/**
 * A Lua script plus the same logic in JavaScript for MemoryRedis, which has no Lua. Real Redis
 * runs `lua` (EVALSHA, falling back to EVAL once after a restart flushed the script cache);
 * the twin runs `twin` with nothing interleaved, which is what EVAL promises on a server.
 * Both must give the same replies: a script's own contract test runs the two side by side.
 *
 * Replies follow Redis's Lua conversion: integers as numbers, strings as strings, a Lua table
 * as an array, `false`/nil as null. Keep replies to those.
 */
export interface RedisScript<Reply> {
  /** For the wire view and errors: what the script does (`reserve-stock`). */
  readonly name: string
  readonly lua: string
  readonly sha1: string
  readonly twin: (call: TwinCall, keys: string[], args: string[]) => Reply
}

export function defineScript<Reply>(definition: {
  name: string
  lua: string
  twin: (call: TwinCall, keys: string[], args: string[]) => Reply
}): RedisScript<Reply> {
  return { ...definition, sha1: createHash('sha1').update(definition.lua).digest('hex') }
}

/** A twin that can run a script body atomically (MemoryRedis, or a wrapper around one). */
interface ScriptRunner {
  evalscript(script: RedisScript<unknown>, keys: string[], args: string[]): Promise<unknown>
}

/** The two Redis commands a real connection uses for scripts (ioredis has both). */
interface LuaRunner {
  evalsha(sha1: string, numKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>
  eval(lua: string, numKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>
}

/**
 * Runs `script` with KEYS = `keys` and ARGV = `args` on either implementation. On real Redis:
 * `EVALSHA sha1 n keys... args...`, and on NOSCRIPT (a new or restarted server) `EVAL lua ...`,
 * which also loads it for the next EVALSHA.
 */
export async function runScript<Reply>(
  client: RedisClient,
  script: RedisScript<Reply>,
  keys: string[],
  args: Array<string | number>,
): Promise<Reply> {
  const argv = args.map(String)
  const twin = (client as unknown as Partial<ScriptRunner>).evalscript
  if (typeof twin === 'function') return (await twin.call(client, script as RedisScript<unknown>, keys, argv)) as Reply
  const lua = client as unknown as LuaRunner
  try {
    return (await lua.evalsha(script.sha1, keys.length, ...keys, ...argv)) as Reply
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
    return (await lua.eval(script.lua, keys.length, ...keys, ...argv)) as Reply
  }
}
