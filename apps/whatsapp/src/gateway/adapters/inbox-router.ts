import type { RedisClient } from '@wired/redis'
import { inboxChannel } from '../../shared/redis-keys'
import { LocalSockets } from '../domain/local-sockets'

export interface InboxSocket {
  sendEncoded(frame: string): boolean
}

const CHANNEL_PREFIX = inboxChannel('')

/**
 * Routes between gateway replicas with Redis pub/sub. Each replica SUBSCRIBEs to the inbox
 * channel of every user it holds a socket for; whoever has something for a user (the delivery
 * consumer, another user's typing) PUBLISHes to that channel without knowing which replica
 * holds the socket. Pub/sub is at-most-once: a frame published while nobody listens is gone,
 * which is why clients resync from PostgreSQL (via REST) after every connect.
 */
export class InboxRouter<Socket extends InboxSocket> {
  private readonly sockets = new LocalSockets<Socket>()
  private readonly pendingSubscribes = new Map<string, Promise<unknown>>()

  /** `subscriber` must be a dedicated connection: in subscribe mode it can run no other command. */
  constructor(private readonly subscriber: RedisClient) {
    subscriber.on('message', (channel, frame) => {
      if (!channel.startsWith(CHANNEL_PREFIX)) return
      for (const socket of this.sockets.socketsOf(channel.slice(CHANNEL_PREFIX.length))) socket.sendEncoded(frame)
    })
  }

  /**
   * Resolves once Redis confirmed the SUBSCRIBE: from then on every frame published for the
   * user reaches this socket. Returns true for the user's first socket on this replica.
   */
  async attach(userId: string, socket: Socket): Promise<boolean> {
    const first = this.sockets.add(userId, socket)
    if (!first) {
      // A second device arriving while the first one's SUBSCRIBE is in flight waits for it too.
      await this.pendingSubscribes.get(userId)
      return false
    }
    const confirmed = this.subscriber.subscribe(inboxChannel(userId))
    this.pendingSubscribes.set(userId, confirmed)
    try {
      await confirmed
    } finally {
      if (this.pendingSubscribes.get(userId) === confirmed) this.pendingSubscribes.delete(userId)
    }
    return true
  }

  /** Returns true when that was the user's last socket here. */
  async detach(userId: string, socket: Socket): Promise<boolean> {
    const last = this.sockets.remove(userId, socket)
    if (last) await this.subscriber.unsubscribe(inboxChannel(userId))
    return last
  }

  users(): string[] {
    return [...this.sockets.users()]
  }
}
