import { EventEmitter } from 'node:events'
import type { RedisClient } from '../client'
import type { RedisScript } from '../script'
import { type AsyncCommands, type CommandName, commands, isCommandName, runCommand } from './commands'
import { type ExecResult, MemoryMulti } from './memory-multi'
import type { Delivery, Subscriber } from './pubsub'
import { toArg, wrongArgs } from './reply'
import { MemoryServer } from './server'

// ioredis's own wording, so code that reports these errors reads the same on both.
const CLOSED = 'Connection is closed.'
const SUBSCRIBER_MODE = 'Connection in subscriber mode, only subscriber commands may be used'

export interface MemoryRedis extends AsyncCommands {}

/**
 * An in-process stand-in for a Redis server plus an ioredis connection to it, for embedded
 * mode (no Redis server on the machine). It speaks only the commands the project uses (see
 * RedisClient), with ioredis's method names, arguments, replies and errors, and it passes the
 * same contract suite as real Redis.
 *
 * Like a real connection: `duplicate()` opens another connection to the same server (shared
 * keys and pub/sub); a connection that subscribes can only run (un)subscribe commands until it
 * unsubscribes from everything (RESP2 subscriber mode); after `quit()` every command fails.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the command methods are installed from the table below
export class MemoryRedis extends EventEmitter implements RedisClient, Subscriber {
  private readonly server: MemoryServer
  private readonly channels = new Set<string>()
  private readonly patterns = new Set<string>()
  private closed = false

  constructor(server: MemoryServer = new MemoryServer()) {
    super()
    this.server = server
    server.connect()
  }

  duplicate(): MemoryRedis {
    return new MemoryRedis(this.server)
  }

  multi(): MemoryMulti {
    return new MemoryMulti((queued) => {
      this.checkUsable()
      return queued.map(([name, args]): ExecResult[number] => {
        try {
          return [null, runCommand(this.server.keyspace, name, args)]
        } catch (error) {
          // ioredis reports a failed command in EXEC as a one-element [error] pair.
          return [error as Error] as unknown as ExecResult[number]
        }
      })
    })
  }

  /**
   * What EVAL is on a server: the script's JavaScript twin (see `defineScript`) runs now, with
   * nothing interleaved, against this server's keys. Scenario code calls `runScript`, not this.
   */
  evalscript(script: RedisScript<unknown>, keys: string[], args: string[]): Promise<unknown> {
    try {
      this.checkUsable()
      const call = (command: string, ...commandArgs: Array<string | number>) => {
        if (!isCommandName(command)) throw new Error(`ERR the twin has no command '${command}' for scripts`)
        return runCommand(this.server.keyspace, command, commandArgs)
      }
      return Promise.resolve(script.twin(call, keys, args))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  async publish(channel: string, message: string): Promise<number> {
    this.checkUsable()
    return this.server.bus.publish(toArg(channel), toArg(message))
  }

  /** Resolves to the connection's total number of subscriptions (channels + patterns), as ioredis does. */
  async subscribe(...channels: string[]): Promise<number> {
    return this.changeSubscriptions('subscribe', channels)
  }

  /** Without arguments, leaves every channel. */
  async unsubscribe(...channels: string[]): Promise<number> {
    return this.changeSubscriptions('unsubscribe', channels.length > 0 ? channels : [...this.channels])
  }

  async psubscribe(...patterns: string[]): Promise<number> {
    return this.changeSubscriptions('psubscribe', patterns)
  }

  async punsubscribe(...patterns: string[]): Promise<number> {
    return this.changeSubscriptions('punsubscribe', patterns.length > 0 ? patterns : [...this.patterns])
  }

  receive(delivery: Delivery): void {
    if (this.closed) return
    if (delivery.kind === 'message') this.emit('message', delivery.channel, delivery.message)
    else this.emit('pmessage', delivery.pattern, delivery.channel, delivery.message)
  }

  async quit(): Promise<'OK'> {
    this.checkUsable(false)
    this.close()
    return 'OK'
  }

  disconnect(): void {
    this.close()
  }

  static {
    for (const name of Object.keys(commands) as CommandName[]) {
      Object.defineProperty(MemoryRedis.prototype, name, {
        value(this: MemoryRedis, ...args: unknown[]) {
          return this.call(name, args)
        },
      })
    }
  }

  /** Runs one command now, synchronously, so commands apply in the order they were called. */
  private call(name: CommandName, args: unknown[]): Promise<unknown> {
    try {
      this.checkUsable()
      return Promise.resolve(runCommand(this.server.keyspace, name, args))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  private changeSubscriptions(
    command: 'subscribe' | 'unsubscribe' | 'psubscribe' | 'punsubscribe',
    names: string[],
  ): number {
    this.checkUsable(false)
    const adding = !command.includes('unsubscribe')
    if (adding && names.length === 0) throw wrongArgs(command)
    const mine = command.startsWith('p') ? this.patterns : this.channels
    for (const name of names.map(toArg)) {
      if (adding) mine.add(name)
      else mine.delete(name)
      this.server.bus[command](this, name)
    }
    return this.channels.size + this.patterns.size
  }

  private checkUsable(dataCommand = true): void {
    if (this.closed) throw new Error(CLOSED)
    if (dataCommand && this.channels.size + this.patterns.size > 0) throw new Error(SUBSCRIBER_MODE)
  }

  private close(): void {
    if (this.closed) return
    for (const channel of this.channels) this.server.bus.unsubscribe(this, channel)
    for (const pattern of this.patterns) this.server.bus.punsubscribe(this, pattern)
    this.channels.clear()
    this.patterns.clear()
    this.closed = true
    this.server.disconnect()
  }
}
