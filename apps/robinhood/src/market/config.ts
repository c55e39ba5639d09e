import { type Env, readBool, readInt, readLogLevel, readRedisKeyPrefix, readRedisUrl } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    redisUrl: readRedisUrl(env),
    /** Namespaces prices:last and prices:ticks; every reader of the feed must use the same prefix. */
    redisKeyPrefix: readRedisKeyPrefix(env, 'robinhood:'),
    /**
     * Ticks per second over all 500 symbols (the load: 10,000). 0 holds every price at
     * its opening (empty batches still go out): the trade-path tests set the prices they trade at.
     */
    ticksPerSecond: readInt(env, 'MARKET_TICKS_PER_SECOND', { default: 10_000, min: 0, max: 1_000_000 }),
    /** One TickBatch per interval: short enough for a < 100 ms tick → client budget, long enough to batch. */
    batchIntervalMs: readInt(env, 'MARKET_BATCH_INTERVAL_MS', { default: 20, min: 5, max: 1_000 }),
    /** How often the progress line (ticks/s, batches/s) is logged. */
    progressEveryMs: readInt(env, 'MARKET_PROGRESS_MS', { default: 5_000, min: 100 }),
    /**
     * Also write the progress line to stdout as plain text: `./wired start` logs at warn, and the
     * person watching the terminal should still see the market move (scenario.ts sets it).
     */
    progressToStdout: readBool(env, 'MARKET_PROGRESS_STDOUT', { default: false }),
    logLevel: readLogLevel(env),
  }
}

export type MarketConfig = ReturnType<typeof loadConfig>
