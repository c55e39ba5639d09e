/**
 * Where idempotency keys live. The three operations map one-to-one onto a shared store, so a
 * scenario can back them with Redis or PostgreSQL and every replica sees the same keys:
 *
 * | operation | Redis                                   | PostgreSQL                                           |
 * |-----------|-----------------------------------------|------------------------------------------------------|
 * | reserve   | SET key {in-flight} NX PX lockTtlMs     | INSERT ... ON CONFLICT (key) DO NOTHING (+ expiry)   |
 * | complete  | SET key {completed, response} PX ttlMs  | UPDATE ... SET state = 'completed', response = $2    |
 * | get       | GET key                                 | SELECT ... WHERE key = $1 AND expires_at > now()     |
 * | release   | DEL key                                 | DELETE ... WHERE key = $1                            |
 *
 * `reserve` must be atomic: it is what stops two concurrent duplicates from both running.
 */
export interface StoredResponse {
  statusCode: number
  contentType: string | undefined
  body: string
}

export type IdempotencyRecord =
  | { state: 'in-flight'; fingerprint: string }
  | { state: 'completed'; fingerprint: string; response: StoredResponse }

export interface IdempotencyStore {
  /** Claims the key if nobody holds it. Resolves true when this caller now owns it. */
  reserve(key: string, fingerprint: string, lockTtlMs: number): Promise<boolean>
  /** Replaces the reservation with the final response, kept for ttlMs. */
  complete(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void>
  get(key: string): Promise<IdempotencyRecord | undefined>
  /** Drops a reservation whose request failed with a retryable (5xx) error. */
  release(key: string): Promise<void>
}

interface Entry {
  record: IdempotencyRecord
  expiresAt: number
}

const PURGE_EVERY_RESERVES = 1_000

/**
 * An in-process store for tests and the embedded single-process mode. It is only correct with
 * one replica: two processes would each have their own map. Expired keys are removed lazily on
 * access and by a sweep every 1,000 reservations, so memory stays bounded by the key rate × TTL.
 */
export function memoryIdempotencyStore(options: { now?: () => number } = {}): IdempotencyStore {
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry>()
  let reservesSincePurge = 0

  function live(key: string): Entry | undefined {
    const entry = entries.get(key)
    if (entry !== undefined && entry.expiresAt <= now()) {
      entries.delete(key)
      return undefined
    }
    return entry
  }

  function purgeExpired(): void {
    const time = now()
    for (const [key, entry] of entries) if (entry.expiresAt <= time) entries.delete(key)
  }

  return {
    async reserve(key, fingerprint, lockTtlMs) {
      if (++reservesSincePurge >= PURGE_EVERY_RESERVES) {
        reservesSincePurge = 0
        purgeExpired()
      }
      // Check and set run in one synchronous turn of the event loop: that is the atomicity
      // Redis gets from SET NX and PostgreSQL from the primary key.
      if (live(key) !== undefined) return false
      entries.set(key, { record: { state: 'in-flight', fingerprint }, expiresAt: now() + lockTtlMs })
      return true
    },
    async complete(key, fingerprint, response, ttlMs) {
      entries.set(key, { record: { state: 'completed', fingerprint, response }, expiresAt: now() + ttlMs })
    },
    async get(key) {
      return live(key)?.record
    },
    async release(key) {
      entries.delete(key)
    },
  }
}
