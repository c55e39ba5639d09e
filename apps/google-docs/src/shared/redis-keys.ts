/**
 * Every Redis key and channel of the scenario, under the deployment's prefix (REDIS_KEY_PREFIX),
 * so tests and deployments can share one server. Redis here is the fast path only: Kafka holds
 * every acknowledged op, PostgreSQL the documents and snapshots.
 */
export function redisKeys(prefix: string) {
  return {
    /** Who leads the document: `<replica>:<fence>`, SET NX PX, renewed while the replica lives. */
    lease: (docId: string) => `${prefix}lease:${docId}`,
    /** INCR per lease taken: the fencing token, larger for every later authority. */
    fence: (docId: string) => `${prefix}fence:${docId}`,
    /** The current revision cache: JSON { revision, text, fence }, written before any ack. */
    head: (docId: string) => `${prefix}head:${docId}`,
    /** Hash revision → applied op (JSON), the last HISTORY_WINDOW of them: catch-up and transforms. */
    recentOps: (docId: string) => `${prefix}ops:${docId}`,
    /** Hash user id → owner | editor | viewer, written by the api (PostgreSQL holds the truth). */
    access: (docId: string) => `${prefix}access:${docId}`,
    /** Hash session id → presence JSON (who, colour, cursor, transport), for editors who join later. */
    presence: (docId: string) => `${prefix}presence:${docId}`,
    /** Pub/sub: every applied op and presence change of the document, to every replica with a reader. */
    documentChannel: (docId: string) => `${prefix}doc:${docId}`,
    /** Pub/sub: submissions forwarded to the replica that leads a document, and their replies. */
    replicaChannel: (replicaId: string) => `${prefix}replica:${replicaId}`,
  }
}

export type RedisKeys = ReturnType<typeof redisKeys>
