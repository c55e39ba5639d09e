import { type Env, readBool, readInt, readLogLevel, readString, readUrl } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    logLevel: readLogLevel(env),
    /** The REST api, as the pages reach it (sessions, catalogue, upload, views, likes, comments). */
    apiUrl: readUrl(env, 'API_URL', { protocols: ['http', 'https'] }),
    /** The edge, HTTP/2 over TLS, as the player reaches it. */
    edgeUrl: readUrl(env, 'EDGE_URL', { protocols: ['https'] }),
    /** Simulated viewers watching at once; 0 uploads the sample (if needed) and watches nothing. */
    viewers: readInt(env, 'SIM_VIEWERS', { default: 5, min: 0, max: 500 }),
    /** 1 plays in real time (a segment per segment-duration); 10 plays ten times faster. */
    speedup: readInt(env, 'SIM_SPEEDUP', { default: 1, min: 1, max: 1_000 }),
    /** The sample clip's length when the catalogue has nothing ready. */
    sampleSeconds: readInt(env, 'SIM_SAMPLE_SECONDS', { default: 10, min: 1, max: 120 }),
    /** The studio account the sample is uploaded as: a restarted simulator finds its upload by it. */
    studioName: readString(env, 'SIM_STUDIO_NAME', { default: 'sim-studio' }),
    progressEveryMs: readInt(env, 'SIM_PROGRESS_MS', { default: 5_000, min: 100 }),
    /** Also print the progress line on stdout as plain text (scenario.ts sets it for ./wired start). */
    progressToStdout: readBool(env, 'SIM_PROGRESS_STDOUT', { default: false }),
  }
}

export type SimulatorConfig = ReturnType<typeof loadConfig>
