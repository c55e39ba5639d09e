import { createRedis, type RedisClient } from '@wired/redis'
import { type BootOptions, bootScenario, type RunMode } from '@wired/testkit'
import { scenario } from '../../src/scenario'
import { sessionTokens } from '../../src/shared/session-token'

export interface RunningRobinhood {
  mode: RunMode
  /** Every URL the scenario declares, by label (scenario.ts `urls`). */
  urls: Record<string, string>
  /** The deployment's GRPC_SECRET: session tokens are HMACs under it. */
  grpcSecret: string
  /** The env every service got (REDIS_URL, REDIS_KEY_PREFIX, DATABASE_URL, …). */
  env: Record<string, string>
  /** A valid session token for `accountId`, as the api would issue it. */
  token(accountId: string): string
  /**
   * A Redis connection to the scenario's Redis (the twin embedded, the real server otherwise)
   * and the key prefix its services use; close it with `quit()`. Not available on compose.
   */
  redis(): { client: RedisClient; keyPrefix: string }
  /** kill -9 a service and start it again (a process on native infra, a container on compose). */
  processes?: Awaited<ReturnType<typeof bootScenario>>['processes']
  stop(): Promise<void>
}

/**
 * Boots the scenario for a test file from src/scenario.ts (embedded, real, or the running
 * compose profile). `options.env` reaches every service: tests slow the market down to keep a
 * two-core machine responsive, and may set anything else a service reads.
 */
export async function bootRobinhood(mode: RunMode, options: BootOptions = {}): Promise<RunningRobinhood> {
  const booted = await bootScenario(scenario, mode, {
    ...options,
    env: { MARKET_TICKS_PER_SECOND: '2000', ...options.env },
  })
  const grpcSecret = booted.env.GRPC_SECRET!
  const tokens = sessionTokens(grpcSecret)
  return {
    mode,
    urls: booted.urls,
    grpcSecret,
    env: booted.env,
    token: (accountId) => tokens.issue(accountId),
    processes: booted.processes,
    redis() {
      const keyPrefix = booted.env.REDIS_KEY_PREFIX ?? 'robinhood:'
      if (booted.twins?.redis) return { client: booted.twins.redis.duplicate(), keyPrefix }
      if (mode === 'compose') throw new Error('the compose profile does not publish Redis to tests')
      return { client: createRedis(booted.env.REDIS_URL!), keyPrefix }
    },
    stop: () => booted.stop(),
  }
}

/**
 * The price side alone: on native infra only the market and the price gateway start (two
 * processes instead of nine), since a price test touches nothing else. Embedded mode starts
 * every service in-process anyway, and compose runs the whole profile.
 */
export const bootPriceSide = (mode: RunMode, options: BootOptions = {}): Promise<RunningRobinhood> =>
  bootRobinhood(mode, { ...options, only: ['market', 'prices'] })

/** The price gateway's addresses, from the scenario's urls. */
export function pricesUrls(system: RunningRobinhood) {
  const ws = system.urls['price WebSocket']!
  const http = ws.replace(/^ws/, 'http').replace(/\/ws$/, '')
  return { ws, http, ticker: `${http}/v1/ticker`, page: `${http}/`, wire: system.env.WIRE_COLLECTOR_URL }
}
