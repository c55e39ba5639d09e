/** Counters the proxy shows at GET /metrics: what it forwarded and what it dropped, per direction. */
export interface DirectionCounters {
  forwarded: number
  dropped: number
  bytes: number
}

const direction = (): DirectionCounters => ({ forwarded: 0, dropped: 0, bytes: 0 })

export function newRelayMetrics() {
  return {
    udp: {
      /** Client address → its own upstream socket, so the game server sees one address per client. */
      sessions: 0,
      clientToServer: direction(),
      serverToClient: direction(),
      /** Datagrams refused before forwarding (over the size limit, or past the session limit). */
      refused: 0,
    },
    tcp: { connections: 0, clientToServer: direction(), serverToClient: direction() },
    ws: { connections: 0, clientToServer: direction(), serverToClient: direction() },
  }
}

export type RelayMetrics = ReturnType<typeof newRelayMetrics>
