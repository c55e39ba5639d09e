import { type Env, readBool, readInt, readList, readLogLevel, readOptionalString, readUrl } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    /** The api, reached as a page or OBS user reaches it. */
    apiUrl: readUrl(env, 'API_URL', { default: 'http://127.0.0.1:8100', protocols: ['http', 'https'] }),
    /**
     * Where the simulator itself reaches RTMP and chat, when that differs from the addresses the
     * api hands to people (in compose the api gives host addresses; the simulator is a container).
     * Unset: the api's own answers.
     */
    rtmpUrl: readOptionalString(env, 'SIM_RTMP_URL')
      ? readUrl(env, 'SIM_RTMP_URL', { protocols: ['rtmp'] })
      : undefined,
    chatUrls: readList(env, 'SIM_CHAT_URLS', { default: [] }),
    /** Test streams (ffmpeg over RTMP) into channels demo, demo_2, …; 0 turns them off. */
    streams: readInt(env, 'SIM_STREAMS', { default: 1, min: 0, max: 8 }),
    /** Chatters who join the live channels and talk; 0 turns them off. */
    chatters: readInt(env, 'SIM_CHATTERS', { default: 5, min: 0, max: 500 }),
    /** A chatter says a line every this many ms on average (±50 %). */
    chatEveryMs: readInt(env, 'SIM_CHAT_EVERY_MS', { default: 4_000, min: 200 }),
    progressEveryMs: readInt(env, 'SIM_PROGRESS_MS', { default: 5_000, min: 100 }),
    /** Also print the progress line as plain text (scenario.ts sets it; `./wired start` logs at warn). */
    progressToStdout: readBool(env, 'SIM_PROGRESS_STDOUT', { default: false }),
    logLevel: readLogLevel(env),
  }
}

export type SimulatorConfig = ReturnType<typeof loadConfig>
