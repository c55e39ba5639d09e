import { type Env, readBool, readInt, readLogLevel, readString, readUrl } from '@wired/runtime'

const optional = (env: Env, key: string): string | undefined => {
  const value = readString(env, key, { default: '' })
  if (value && !/^[\w.-]+:\d{1,5}$/.test(value)) throw new Error(`${key}: expected host:port, got '${value}'`)
  return value || undefined
}

export function loadConfig(env: Env) {
  return {
    /** The api, reached as a player's client reaches it: sign up, then matchmaking. */
    apiUrl: readUrl(env, 'API_URL', { default: 'http://127.0.0.1:8120', protocols: ['http', 'https'] }),
    /** Bots playing; 0 turns the simulator off (the test suites boot it off). */
    bots: readInt(env, 'SIM_BOTS', { default: 6, min: 0, max: 64 }),
    /**
     * Play through the loss/latency proxy (the matchmaking answer's `netem` addresses), so the
     * page's "bad network" switch reaches the bots too; false: straight to the game server.
     */
    viaNetem: readBool(env, 'SIM_VIA_NETEM', { default: true }),
    /**
     * Where the bots' sockets go when that is not what the lobby hands out: the lobby answers with
     * addresses a player's machine reaches (in compose, the host-published ports), while a bot
     * inside the compose network reaches the same servers by their service names.
     */
    addressOverrides: {
      udp: optional(env, 'GAME_UDP_ADDRESS'),
      tcp: optional(env, 'GAME_TCP_ADDRESS'),
      netemUdp: optional(env, 'NETEM_UDP_ADDRESS'),
      netemTcp: optional(env, 'NETEM_TCP_ADDRESS'),
    },
    /** Bots sign up as `<prefix> 1` … `<prefix> N`. */
    namePrefix: readString(env, 'SIM_NAME_PREFIX', { default: 'bot' }),
    progressEveryMs: readInt(env, 'SIM_PROGRESS_MS', { default: 5_000, min: 100 }),
    /** Also print the progress line as plain text (scenario.ts sets it; `./wired start` logs at warn). */
    progressToStdout: readBool(env, 'SIM_PROGRESS_STDOUT', { default: false }),
    logLevel: readLogLevel(env),
  }
}

export type BotsConfig = ReturnType<typeof loadConfig>
