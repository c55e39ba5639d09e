import { Keyspace } from './keyspace'
import { PubSubBus } from './pubsub'

/** How often idle expired keys are swept; lazy expiry on access makes exact timing unnecessary. */
const SWEEP_INTERVAL_MS = 250

/**
 * What a Redis server process holds: one keyspace and one pub/sub bus. Every MemoryRedis
 * made by `duplicate()` connects to the same server; a `new MemoryRedis()` starts another.
 */
export class MemoryServer {
  readonly keyspace = new Keyspace()
  readonly bus = new PubSubBus()
  private connections = 0
  private sweeper: NodeJS.Timeout | undefined

  connect(): void {
    this.connections++
    // unref: the sweep never keeps a process alive on its own.
    this.sweeper ??= setInterval(() => this.keyspace.sweep(), SWEEP_INTERVAL_MS).unref()
  }

  disconnect(): void {
    this.connections--
    if (this.connections > 0) return
    clearInterval(this.sweeper)
    this.sweeper = undefined
  }
}
