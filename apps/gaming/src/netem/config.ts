import { ConfigError, type Env, readBindHost, readInt, readLogLevel, readPort, readString } from '@wired/runtime'
import { conditionsProblem, type LinkConditions } from './domain/link-conditions'

export interface HostPort {
  host: string
  port: number
}

/** `host:port` (the host may be a name, as in compose), or a boot-time error naming the key. */
function readHostPort(env: Env, key: string, fallback: string): HostPort {
  const text = readString(env, key, { default: fallback })
  const match = /^(.+):(\d{1,5})$/.exec(text)
  const port = Number(match?.[2])
  if (!match || port < 1 || port > 65535) throw new ConfigError(`config: ${key} must be host:port, got '${text}'`)
  return { host: match[1]!, port }
}

function readStartConditions(env: Env): LinkConditions {
  const conditions = {
    dropPercent: readInt(env, 'NETEM_DROP_PERCENT', { default: 0 }),
    delayMs: readInt(env, 'NETEM_DELAY_MS', { default: 0 }),
    jitterMs: readInt(env, 'NETEM_JITTER_MS', { default: 0 }),
  }
  const problem = conditionsProblem(conditions)
  if (problem) throw new ConfigError(`config: NETEM_*: ${problem}`)
  return conditions
}

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    /** Control: GET/PUT /conditions, GET /metrics. */
    httpPort: readPort(env, 'HTTP_PORT', { default: 8122 }),
    udpPort: readPort(env, 'UDP_PORT', { default: 7787 }),
    tcpPort: readPort(env, 'TCP_PORT', { default: 7788 }),
    wsPort: readPort(env, 'WS_PORT', { default: 8123 }),
    upstreamUdp: readHostPort(env, 'UPSTREAM_UDP_ADDRESS', '127.0.0.1:7777'),
    upstreamTcp: readHostPort(env, 'UPSTREAM_TCP_ADDRESS', '127.0.0.1:7778'),
    /** The game's HTTP port, which carries its WebSocket (/play): piped as plain TCP. */
    upstreamWs: readHostPort(env, 'UPSTREAM_WS_ADDRESS', '127.0.0.1:8121'),
    startConditions: readStartConditions(env),
    /** Client addresses with a live upstream socket at once; past it new clients are refused. */
    maxUdpSessions: readInt(env, 'NETEM_MAX_UDP_SESSIONS', { default: 1024, min: 1 }),
    /** An upstream socket with no traffic for this long is closed. */
    udpSessionIdleMs: readInt(env, 'NETEM_UDP_IDLE_MS', { default: 30_000, min: 100 }),
    logLevel: readLogLevel(env),
  }
}

export type NetemConfig = ReturnType<typeof loadConfig>
