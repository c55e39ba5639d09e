import { LocalSockets } from './local-sockets'

/** The part of a Redis connection the router uses (ioredis and MemoryRedis both fit). */
export interface ChannelSubscriber {
  on(event: 'message', listener: (channel: string, message: string) => void): unknown
  subscribe(channel: string): Promise<unknown>
  unsubscribe(channel: string): Promise<unknown>
}

export interface RoutedSocket {
  /** Sends an already-encoded frame as is: one string fans out to many sockets unchanged. */
  sendEncoded(frame: string): boolean
}

/**
 * Routes between gateway replicas with Redis pub/sub: the pattern every scenario with a
 * scaled-out socket tier uses. Each replica SUBSCRIBEs to the channel of every key (a user, a
 * ride, a room) it holds a socket for; whoever has something for that key PUBLISHes to its
 * channel without knowing which replica holds the socket. Pub/sub is at-most-once: a frame
 * published while nobody listens is gone, so it must never be the only copy of anything
 * (clients resync from the durable store after every connect).
 */
export class ChannelRouter<Socket extends RoutedSocket> {
  private readonly sockets = new LocalSockets<Socket>()
  private readonly pendingSubscribes = new Map<string, Promise<unknown>>()

  /**
   * `subscriber` must be a dedicated connection: in subscribe mode it can run no other command.
   * `channelOf(key)` names the channel, e.g. `(userId) => 'inbox:' + userId`; it must start
   * with `channelOf('')`, which is how incoming channels are mapped back to keys.
   */
  constructor(
    private readonly subscriber: ChannelSubscriber,
    private readonly channelOf: (key: string) => string,
  ) {
    const prefix = channelOf('')
    subscriber.on('message', (channel, frame) => {
      if (!channel.startsWith(prefix)) return
      for (const socket of this.sockets.socketsOf(channel.slice(prefix.length))) socket.sendEncoded(frame)
    })
  }

  /**
   * Resolves once Redis confirmed the SUBSCRIBE: from then on every frame published for the key
   * reaches this socket. Returns true for the key's first socket on this replica.
   */
  async attach(key: string, socket: Socket): Promise<boolean> {
    const first = this.sockets.add(key, socket)
    if (!first) {
      // A second device arriving while the first one's SUBSCRIBE is in flight waits for it too.
      await this.pendingSubscribes.get(key)
      return false
    }
    const confirmed = this.subscriber.subscribe(this.channelOf(key))
    this.pendingSubscribes.set(key, confirmed)
    try {
      await confirmed
    } finally {
      if (this.pendingSubscribes.get(key) === confirmed) this.pendingSubscribes.delete(key)
    }
    return true
  }

  /** Returns true when that was the key's last socket here (it UNSUBSCRIBEs then). */
  async detach(key: string, socket: Socket): Promise<boolean> {
    const last = this.sockets.remove(key, socket)
    if (last) await this.subscriber.unsubscribe(this.channelOf(key))
    return last
  }

  keys(): string[] {
    return [...this.sockets.users()]
  }
}
