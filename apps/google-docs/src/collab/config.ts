import {
  type Env,
  readAllowedOrigins,
  readBindHost,
  readGrpcSecret,
  readInstanceId,
  readInt,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readRedisKeyPrefix,
  readRedisUrl,
  readString,
  readTopicPrefix,
  readUrl,
} from '@wired/runtime'
import { readWireConfig } from '@wired/wire'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8090 }),
    /** Names this replica in leases (`<replica>:<fence>`), in forwarded submissions and in the page. */
    replicaId: readString(env, 'REPLICA_ID', { default: `collab-${readInstanceId(env)}` }),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'gdocs:'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    /** Where the page calls the REST api (sign-in, documents, versions). */
    apiPublicUrl: readUrl(env, 'API_PUBLIC_URL', { default: 'http://127.0.0.1:8091', protocols: ['http', 'https'] }),
    /** Extra browser origins allowed to open a socket; the replica's own origin always is. */
    allowedOrigins: readAllowedOrigins(env),
    /**
     * How long a document's lease lives without renewal: after a kill -9 of its authority, the
     * longest an edit waits before another replica takes over. Renewed every third of it.
     */
    leaseMs: readInt(env, 'LEASE_MS', { default: 3_000, min: 300 }),
    /** How long a long-poll request is held open when nothing happens; the client then polls again. */
    pollTimeoutMs: readInt(env, 'POLL_TIMEOUT_MS', { default: 25_000, min: 100 }),
    /** Applied ops kept in Redis for transforming late ops and for catch-up. */
    historyWindow: readInt(env, 'HISTORY_WINDOW', { default: 1_000, min: 10 }),
    /** Frames per second per socket before close 1008 (a person types ~10 a second). */
    rateLimitPerSecond: readInt(env, 'RATE_LIMIT_PER_SECOND', { default: 100, min: 1 }),
    heartbeatMs: readInt(env, 'HEARTBEAT_MS', { default: 15_000, min: 100 }),
    /** Signs and checks the access tokens the api issues (shared/access-token.ts). */
    tokenSecret: readGrpcSecret(env),
    wireCollectorUrl: readWireConfig(env).collectorUrl,
    logLevel: readLogLevel(env),
  }
}

export type CollabConfig = ReturnType<typeof loadConfig>
