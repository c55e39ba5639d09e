import {
  type Env,
  readAllowedOrigins,
  readBindHost,
  readGrpcSecret,
  readInt,
  readLogLevel,
  readPort,
  readRedisKeyPrefix,
  readRedisUrl,
} from '@wired/runtime'
import { readWireConfig } from '@wired/wire'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8094 }),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'robinhood:'),
    /** Browser origins allowed to open the socket and read the ticker cross-origin (the trading page). */
    allowedOrigins: readAllowedOrigins(env),
    /**
     * Price frames per second per socket, at most. 20 (one per 50 ms) keeps the worst wait a
     * change spends held back at 50 ms, half the 100 ms budget; 10 would halve frames and CPU
     * but spend the whole budget waiting. README.prices.md has the measured trade-off.
     */
    framesPerSecond: readInt(env, 'PRICES_FRAMES_PER_SECOND', { default: 20, min: 1, max: 100 }),
    /** Symbols one socket (or one SSE stream) may follow. */
    maxSymbolsPerClient: readInt(env, 'PRICES_MAX_SYMBOLS', { default: 50, min: 1, max: 500 }),
    /**
     * A socket with more unread bytes than this gets no new frame this round: its prices keep
     * coalescing until it catches up. Far below the kit's close bound, so a slow reader is
     * served late rather than dropped.
     */
    holdBackBytes: readInt(env, 'PRICES_HOLD_BACK_BYTES', { default: 64 * 1024, min: 1024 }),
    /** SSE resume window, in TickBatches (500 × 20 ms = 10 s). */
    tickerRingBatches: readInt(env, 'TICKER_RING_BATCHES', { default: 500, min: 10, max: 100_000 }),
    /** Client frames per second per socket before close 1008 (a subscribe is one frame). */
    rateLimitPerSecond: readInt(env, 'RATE_LIMIT_PER_SECOND', { default: 20, min: 1 }),
    heartbeatMs: readInt(env, 'HEARTBEAT_MS', { default: 15_000, min: 100 }),
    /** Verifies session tokens (shared/session-token.ts) at the WebSocket upgrade. */
    grpcSecret: readGrpcSecret(env),
    wireCollectorUrl: readWireConfig(env).collectorUrl,
    logLevel: readLogLevel(env),
  }
}

export type PricesConfig = ReturnType<typeof loadConfig>
