import { type Env, readBindHost, readInt, readLogLevel, readPort, readString, readUrl } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8644 }),
    originUrl: readUrl(env, 'ORIGIN_URL', { default: 'https://127.0.0.1:8643', protocols: ['https'] }),
    /** Where the edge keeps its own certificate (made at first start). */
    mediaDir: readString(env, 'TWITCH_MEDIA_DIR'),
    cacheBytes: readInt(env, 'EDGE_CACHE_BYTES', { default: 64 * 1024 * 1024, min: 1024 }),
    logLevel: readLogLevel(env),
  }
}

export type EdgeConfig = ReturnType<typeof loadConfig>
