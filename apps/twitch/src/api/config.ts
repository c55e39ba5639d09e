import {
  ConfigError,
  type Env,
  readBindHost,
  readGrpcSecret,
  readInt,
  readKafkaBrokers,
  readList,
  readLogLevel,
  readPort,
  readRedisKeyPrefix,
  readRedisUrl,
  readServiceDatabase,
  readString,
  readTopicPrefix,
  readUrl,
} from '@wired/runtime'
import { readWireConfig } from '@wired/wire'

/** A schema name goes into SQL text (it cannot be a parameter), so it must be a plain identifier. */
const readSchemaName = (env: Env, key: string, fallback: string): string => {
  const text = readString(env, key, { default: fallback })
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(text)) throw new ConfigError(`config: ${key} is not a schema name: '${text}'`)
  return text
}

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8100 }),
    database: readServiceDatabase(env, 'twitch_api', 5),
    /** The analytics service's schema, which this api reads (never writes): GET /api/streams/:channel/analytics. */
    analyticsSchema: readSchemaName(env, 'ANALYTICS_DATABASE_SCHEMA', 'twitch_analytics'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'twitch:'),
    /** Signs user tokens and stream keys (the chat servers and the ingest verify them with the same secret). */
    sharedSecret: readGrpcSecret(env),
    /** Where browsers reach the HLS edge: playback and clip URLs start with it. */
    edgePublicUrl: readUrl(env, 'EDGE_PUBLIC_URL', { default: 'https://127.0.0.1:8103', protocols: ['https', 'http'] }),
    /** The chat servers' WebSocket URLs, handed to pages in the stream info. */
    chatUrls: readList(env, 'CHAT_URLS', { default: ['ws://127.0.0.1:8104/chat', 'ws://127.0.0.1:8105/chat'] }),
    /** What a streamer puts in OBS: `<rtmpUrl>/<streamKey>`. */
    ingestRtmpUrl: readUrl(env, 'INGEST_RTMP_URL', { default: 'rtmp://127.0.0.1:1935/live', protocols: ['rtmp'] }),
    /** The ingest's internal HTTP control (POST /streams/:channel/stop). */
    ingestControlUrl: readUrl(env, 'INGEST_CONTROL_URL', { default: 'http://127.0.0.1:8101', protocols: ['http'] }),
    /** Requests per minute per client address, over every route. */
    rateLimitPerMinute: readInt(env, 'RATE_LIMIT_PER_MINUTE', { default: 600, min: 1 }),
    wireCollectorUrl: readWireConfig(env).collectorUrl,
    logLevel: readLogLevel(env),
  }
}

export type ApiConfig = ReturnType<typeof loadConfig>
