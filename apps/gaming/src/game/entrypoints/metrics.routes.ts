import type { FastifyInstance } from 'fastify'
import type { TickStats } from '../domain/tick-stats'
import type { TrafficCounters } from '../domain/traffic-counters'
import type { Arena } from '../use-cases/arena'

/**
 * GET /metrics (JSON): what the benchmark and the hostile-input tests read. Tick timing is the
 * server's own measurement; drops are every refused datagram by reason.
 */
export function metricsRoutes(
  app: FastifyInstance,
  deps: {
    arena: Arena
    ticks: TickStats
    counters: TrafficCounters
    tcpClients(): number
    wsClients(): number
  },
) {
  app.get('/metrics', async () => {
    const { arena, ticks, counters } = deps
    let players = 0
    let staleInputs = 0
    for (const match of arena.matches.values()) {
      players += match.connectedCount
      for (const player of match.players.values()) staleInputs += player.staleInputs
    }
    return {
      tick: ticks.summary(),
      players,
      matches: arena.matches.size,
      sessions: arena.sessions.size,
      /** Inputs dropped because they waited past the backlog bound (src/game/domain/input-queue.ts). */
      staleInputs,
      udp: counters.udp,
      ws: counters.ws,
      drops: counters.drops,
      tcp: { ...counters.tcp, clients: deps.tcpClients() },
      wsClients: deps.wsClients(),
      rssBytes: process.memoryUsage.rss(),
    }
  })
  // The benchmark resets the tick window after warm-up, so its figures cover only the measured phase.
  app.post('/metrics/reset-ticks', async () => {
    deps.ticks.reset()
    return { ok: true }
  })
}
