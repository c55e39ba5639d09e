import {
  ConfigError,
  type Env,
  readBindHost,
  readGrpcSecret,
  readInt,
  readLogLevel,
  readPort,
  readRedisKeyPrefix,
  readRedisUrl,
  readServiceDatabase,
  readString,
  readUrl,
} from '@wired/runtime'
import { readWireConfig } from '@wired/wire'

const readAddress = (env: Env, key: string, fallback: string): string => {
  const text = readString(env, key, { default: fallback })
  if (!/^[^\s:/]+:\d{1,5}$/.test(text)) throw new ConfigError(`config: ${key} must be host:port, got '${text}'`)
  return text
}

const readSchemaName = (env: Env, key: string, fallback: string): string => {
  const text = readString(env, key, { default: fallback })
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(text)) throw new ConfigError(`config: ${key} is not a schema name: '${text}'`)
  return text
}

export function loadConfig(env: Env) {
  const matchSeconds = readInt(env, 'MATCH_SECONDS', { default: 120, min: 2, max: 3600 })
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8120 }),
    database: readServiceDatabase(env, 'gaming_lobby'),
    /** The stats service's schema, which this api reads (never writes): see adapters/stats.reader.ts. */
    statsSchema: readSchemaName(env, 'STATS_DATABASE_SCHEMA', 'gaming_stats'),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'gaming:'),
    /** Signs player tokens and match tickets (the game server verifies tickets with the same secret). */
    grpcSecret: readGrpcSecret(env),
    matchmaking: {
      capacity: readInt(env, 'MATCH_CAPACITY', { default: 32, min: 1, max: 255 }),
      matchSeconds,
      // A player placed in a match that ends in 3 s gets nothing out of it. Short demo matches
      // (MATCH_SECONDS under 30) still take players for their first half.
      minSecondsLeft: Math.min(readInt(env, 'MATCH_MIN_SECONDS_LEFT', { default: 15, min: 0 }), matchSeconds / 2),
    },
    /** Where clients reach the game server and the loss proxy: host-published addresses in compose. */
    endpoints: {
      udp: readAddress(env, 'GAME_UDP_ADDRESS', '127.0.0.1:7777'),
      tcp: readAddress(env, 'GAME_TCP_ADDRESS', '127.0.0.1:7778'),
      ws: readUrl(env, 'GAME_WS_URL', { default: 'ws://127.0.0.1:8121/play', protocols: ['ws', 'wss'] }),
      netem: {
        udp: readAddress(env, 'NETEM_UDP_ADDRESS', '127.0.0.1:7787'),
        tcp: readAddress(env, 'NETEM_TCP_ADDRESS', '127.0.0.1:7788'),
        ws: readUrl(env, 'NETEM_WS_URL', { default: 'ws://127.0.0.1:8123/play', protocols: ['ws', 'wss'] }),
      },
    },
    netemControlUrl: readUrl(env, 'NETEM_CONTROL_URL', { default: 'http://127.0.0.1:8122', protocols: ['http'] }),
    /** Requests per minute per client address, over every route. */
    rateLimitPerMinute: readInt(env, 'RATE_LIMIT_PER_MINUTE', { default: 600, min: 1 }),
    wireCollectorUrl: readWireConfig(env).collectorUrl,
    logLevel: readLogLevel(env),
  }
}

export type ApiConfig = ReturnType<typeof loadConfig>
export type GameEndpoints = ApiConfig['endpoints']
