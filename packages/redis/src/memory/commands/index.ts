import type { Keyspace } from '../keyspace'
import { geoCommands } from './geo'
import { hashCommands } from './hashes'
import { keyCommands } from './keys'
import { rangeCommands } from './ranges'
import { setCommands } from './sets'
import { sortedSetCommands } from './sorted-sets'
import { stringCommands } from './strings'

/**
 * Every data command the twin implements, by its ioredis method name. Each is a synchronous
 * function of the keyspace and the arguments that returns the reply as ioredis would, or
 * throws a ReplyError. MemoryRedis and MemoryMulti turn this table into methods, the way
 * ioredis builds its own methods from Redis's command list.
 */
export const commands = {
  ...keyCommands,
  ...stringCommands,
  ...hashCommands,
  ...setCommands,
  ...sortedSetCommands,
  ...rangeCommands,
  ...geoCommands,
}

export type CommandName = keyof typeof commands
type Command = (db: Keyspace, ...args: never[]) => unknown
type ArgsOf<F> = F extends (db: Keyspace, ...args: infer A) => unknown ? A : never

/** Each command as a client method: same arguments, reply in a promise. */
export type AsyncCommands = {
  [K in CommandName]: (...args: ArgsOf<(typeof commands)[K]>) => Promise<ReturnType<(typeof commands)[K]>>
}

/** Each command as a MULTI method: same arguments, returns the chain. */
export type QueuedCommands<Chain> = {
  [K in CommandName]: (...args: ArgsOf<(typeof commands)[K]>) => Chain
}

export function runCommand(db: Keyspace, name: CommandName, args: unknown[]): unknown {
  // ioredis flattens array arguments one level (`del([a, b])` is `del(a, b)`); so does the twin.
  const flat = args.flatMap((arg) => (Array.isArray(arg) ? arg : [arg]))
  return (commands[name] as Command)(db, ...(flat as never[]))
}

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name)
}
