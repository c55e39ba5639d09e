import { type Env, readBool, readInt, readLogLevel, readString, readUrl } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    /** The api, reached as a customer's device reaches it (REST and GraphQL only). */
    apiUrl: readUrl(env, 'API_URL', { default: 'http://127.0.0.1:8110', protocols: ['http', 'https'] }),
    /** Simulated shoppers; 0 turns the simulator off (the test suites boot it off). */
    shoppers: readInt(env, 'SIM_SHOPPERS', { default: 5, min: 0, max: 200 }),
    /** Each shopper takes one step (a page, a search, a product, a checkout) every this many ms, ±50 %. */
    paceMs: readInt(env, 'SIM_PACE_MS', { default: 2_000, min: 10 }),
    /** Shoppers sign in as `<prefix>-1` … `<prefix>-N` (the api takes [a-z0-9_-]{3,40}). */
    namePrefix: readString(env, 'SIM_NAME_PREFIX', { default: 'shopper' }),
    /** Seeds the shoppers' randomness (0: a new seed every start). */
    seed: readInt(env, 'SIM_SEED', { default: 0, min: 0 }),
    progressEveryMs: readInt(env, 'SIM_PROGRESS_MS', { default: 5_000, min: 100 }),
    /**
     * Also write the progress line to stdout as plain text: `./wired start` logs at warn, and the
     * person watching the terminal should still see the shop busy (scenario.ts sets it).
     */
    progressToStdout: readBool(env, 'SIM_PROGRESS_STDOUT', { default: false }),
    logLevel: readLogLevel(env),
  }
}

export type SimulatorConfig = ReturnType<typeof loadConfig>
