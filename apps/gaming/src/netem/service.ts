import { defineService, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import type { NetemConfig } from './config'
import type { LinkConditions } from './domain/link-conditions'
import { newRelayMetrics } from './domain/relay-metrics'
import { buildControlApp } from './entrypoints/control.routes'
import { startStreamRelay } from './entrypoints/stream-relay'
import { startUdpRelay } from './entrypoints/udp-relay'

/**
 * The loss/latency proxy (a user-space `tc netem`): bots and pages that connect through it get a
 * bad network on demand, so the reader can watch UDP lose datagrams while the game keeps going,
 * and TCP deliver every event in order, only later.
 *
 *   clients ──UDP──▶ :UDP_PORT ──(drop %, delay ± jitter)──▶ game UDP
 *   clients ──TCP──▶ :TCP_PORT ──(delay ± jitter, order kept)──▶ game TCP
 *   browsers ──WS──▶ :WS_PORT  ──(the same, a byte pipe)──▶ game HTTP (/play)
 *   api ──HTTP──▶ :HTTP_PORT  GET/PUT /conditions, GET /metrics
 */
export function createService(config: NetemConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const link: { conditions: LinkConditions } = { conditions: { ...config.startConditions } }
    const conditions = () => link.conditions
    const metrics = newRelayMetrics()
    // Math.random is fine for simulated loss; the domain takes any source (tests seed one).
    const random = Math.random

    const udp = await startUdpRelay({
      bindHost: config.bindHost,
      port: config.udpPort,
      upstream: config.upstreamUdp,
      conditions,
      random,
      metrics,
      maxSessions: config.maxUdpSessions,
      idleMs: config.udpSessionIdleMs,
      logger,
    })
    shutdown.defer(() => udp.close())
    const stream = (port: number, upstream: NetemConfig['upstreamTcp'], counters: typeof metrics.tcp) =>
      startStreamRelay({ bindHost: config.bindHost, port, upstream, conditions, random, counters, logger })
    const tcp = await stream(config.tcpPort, config.upstreamTcp, metrics.tcp)
    shutdown.defer(() => tcp.close())
    const ws = await stream(config.wsPort, config.upstreamWs, metrics.ws)
    shutdown.defer(() => ws.close())

    const app = buildControlApp({ link, metrics, logger })
    await app.listen({ host: config.bindHost, port: config.httpPort })
    shutdown.defer(() => app.close())
    const address = app.server.address()
    const httpPort = typeof address === 'object' && address ? address.port : config.httpPort
    return {
      http: `http://${config.bindHost}:${httpPort}`,
      udp: `${config.bindHost}:${udp.port}`,
      tcp: `${config.bindHost}:${tcp.port}`,
      ws: `ws://${config.bindHost}:${ws.port}/play`,
    }
  }, logger)
}
