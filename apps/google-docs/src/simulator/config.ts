import { type Env, readInt, readList, readLogLevel, readString, readUrl } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    apiUrl: readUrl(env, 'API_URL', { default: 'http://127.0.0.1:8091', protocols: ['http', 'https'] }),
    /** Where bots open their sockets (compose: the load balancer, which spreads them). */
    collabUrls: readList(env, 'COLLAB_URLS', { default: ['http://127.0.0.1:8090'] }),
    bots: readInt(env, 'SIM_BOTS', { default: 3, min: 0, max: 50 }),
    typeEveryMs: readInt(env, 'SIM_TYPE_EVERY_MS', { default: 1_200, min: 0 }),
    /** The demo owner's password; made up per run when unset (and printed at start). */
    password: readString(env, 'SIM_PASSWORD', { default: '' }),
    logLevel: readLogLevel(env),
  }
}
