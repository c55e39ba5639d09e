import type { RedisMulti } from '../client'
import { type CommandName, commands, type QueuedCommands } from './commands'

export type Queued = [name: CommandName, args: unknown[]]
export type ExecResult = [error: Error | null, result: unknown][]

export interface MemoryMulti extends QueuedCommands<MemoryMulti> {}

/**
 * MULTI ... EXEC. Commands are queued, then run back to back inside one synchronous call, so no
 * other client's command can land in between: the same guarantee Redis gives, because Redis
 * also runs one command at a time. As in Redis, a command that fails at run time (WRONGTYPE,
 * not an integer) fails alone, the others still apply: there is no rollback.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the command methods are installed from the table below
export class MemoryMulti implements RedisMulti {
  private readonly queue: Queued[] = []

  constructor(private readonly run: (queued: Queued[]) => ExecResult) {}

  async exec(): Promise<ExecResult> {
    return this.run(this.queue.splice(0))
  }

  static {
    for (const name of Object.keys(commands) as CommandName[]) {
      Object.defineProperty(MemoryMulti.prototype, name, {
        value(this: MemoryMulti, ...args: unknown[]) {
          this.queue.push([name, args])
          return this
        },
      })
    }
  }
}
