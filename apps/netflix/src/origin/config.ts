import { type Env, readBindHost, readLogLevel, readPort, readString } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8443 }),
    dataDir: readString(env, 'NETFLIX_DATA_DIR'),
    logLevel: readLogLevel(env),
  }
}

export type OriginConfig = ReturnType<typeof loadConfig>
