import type { RedisClient } from '@wired/redis'
import type { DocumentEvent, PresenceView } from '../../shared/frames'
import type { RedisKeys } from '../../shared/redis-keys'

/** A session not heard from in this long is gone (its replica died without saying so). */
const STALE_MS = 60_000

/**
 * Who is in a document and where their caret is: HSET presence:<doc> <session> <json> for
 * those who join later, and a PUBLISH on the document's channel for those already there.
 * Ephemeral by design: nothing here is worth a Kafka record.
 */
export class PresenceBoard {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async update(docId: string, presence: PresenceView): Promise<void> {
    await this.redis.hset(this.keys.presence(docId), presence.sessionId, JSON.stringify(presence))
    await this.publish(docId, { type: 'presence', presence })
  }

  async leave(docId: string, sessionId: string): Promise<void> {
    await this.redis.hdel(this.keys.presence(docId), sessionId)
    await this.publish(docId, { type: 'left', sessionId })
  }

  async get(docId: string, sessionId: string): Promise<PresenceView | undefined> {
    const raw = await this.redis.hget(this.keys.presence(docId), sessionId)
    return raw ? (JSON.parse(raw) as PresenceView) : undefined
  }

  async list(docId: string): Promise<PresenceView[]> {
    const all = await this.redis.hgetall(this.keys.presence(docId))
    const now = Date.now()
    return Object.values(all)
      .map((raw) => JSON.parse(raw) as PresenceView)
      .filter((p) => now - p.at < STALE_MS)
  }

  publish(docId: string, event: DocumentEvent): Promise<number> {
    return this.redis.publish(this.keys.documentChannel(docId), JSON.stringify(event))
  }
}
