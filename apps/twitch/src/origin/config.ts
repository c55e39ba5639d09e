import { type Env, readBindHost, readLogLevel, readPort, readString } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8643 }),
    /** Live HLS, VODs and clips (written by ingest and clipper), and the origin's certificate. */
    mediaDir: readString(env, 'TWITCH_MEDIA_DIR'),
    logLevel: readLogLevel(env),
  }
}

export type OriginConfig = ReturnType<typeof loadConfig>
