import { createSocket, type Socket } from 'node:dgram'
import { lookup } from 'node:dns/promises'
import type { Logger } from '@wired/runtime'
import type { HostPort } from '../config'
import { type LinkConditions, type RandomSource, sampleDelay, shouldDrop } from '../domain/link-conditions'
import type { DirectionCounters, RelayMetrics } from '../domain/relay-metrics'

/** Bigger than any datagram the game sends (512 bytes), smaller than anything worth buffering. */
const MAX_DATAGRAM_BYTES = 2048

export interface UdpRelayOptions {
  bindHost: string
  port: number
  upstream: HostPort
  conditions: () => LinkConditions
  random: RandomSource
  metrics: RelayMetrics
  maxSessions: number
  idleMs: number
  logger: Logger
}

interface ClientSession {
  upstream: Socket
  lastSeenAt: number
}

/**
 * The UDP half of the proxy. One listening socket for every client; per client address one
 * upstream socket to the game server, so the game still sees one distinct address per client
 * (its anti-spoofing binds a session to that address) and answers reach the right client.
 * Both directions: lose the datagram with probability dropPercent, else send it after its own
 * delay (which may reorder datagrams, as real networks do).
 */
export async function startUdpRelay(options: UdpRelayOptions) {
  const { metrics, logger } = options
  const listener = createSocket('udp4')
  const sessions = new Map<string, ClientSession>()
  const timers = new Set<NodeJS.Timeout>()
  // Resolved once, not per datagram (a name in compose would cost a DNS lookup per send), and
  // again with every sweep, so a restarted game container with a new address is found.
  let upstreamIp = (await lookup(options.upstream.host, { family: 4 })).address
  const resolveUpstream = () =>
    lookup(options.upstream.host, { family: 4 }).then(
      (found) => {
        upstreamIp = found.address
      },
      () => {}, // keep the last address; the next sweep tries again
    )

  const forward = (counters: DirectionCounters, payload: Buffer, send: () => void) => {
    const conditions = options.conditions()
    if (shouldDrop(conditions, options.random)) {
      counters.dropped++
      return
    }
    counters.forwarded++
    counters.bytes += payload.length
    const delayMs = sampleDelay(conditions, options.random)
    if (delayMs === 0) return send()
    const timer = setTimeout(() => {
      timers.delete(timer)
      send()
    }, delayMs)
    timers.add(timer)
  }

  const sessionFor = (address: string, port: number): ClientSession | undefined => {
    const key = `${address}:${port}`
    const existing = sessions.get(key)
    if (existing) return existing
    if (sessions.size >= options.maxSessions) return undefined
    const upstream = createSocket('udp4')
    upstream.on('message', (reply, from) => {
      // Only the game server's answers go back to the client, not whatever else finds this port.
      if (from.port !== options.upstream.port) return
      session.lastSeenAt = Date.now()
      forward(metrics.udp.serverToClient, reply, () => listener.send(reply, port, address, ignoreSendError))
    })
    upstream.on('error', (error) => logger.warn({ err: error, client: key }, 'udp upstream socket failed'))
    const session: ClientSession = { upstream, lastSeenAt: Date.now() }
    sessions.set(key, session)
    metrics.udp.sessions = sessions.size
    return session
  }

  listener.on('message', (datagram, from) => {
    if (datagram.length > MAX_DATAGRAM_BYTES) {
      metrics.udp.refused++
      return
    }
    const session = sessionFor(from.address, from.port)
    if (!session) {
      metrics.udp.refused++
      return
    }
    session.lastSeenAt = Date.now()
    forward(metrics.udp.clientToServer, datagram, () => {
      // A session closed (idle sweep, stop) while this datagram waited: it is lost, as on a network.
      if (sessions.get(`${from.address}:${from.port}`) === session)
        session.upstream.send(datagram, options.upstream.port, upstreamIp, ignoreSendError)
    })
  })
  listener.on('error', (error) => logger.warn({ err: error }, 'udp listener failed'))

  // Clients come and go without saying so (UDP has no close): idle upstream sockets are reclaimed.
  const sweeper = setInterval(
    () => {
      const idleBefore = Date.now() - options.idleMs
      for (const [key, session] of sessions)
        if (session.lastSeenAt < idleBefore) {
          sessions.delete(key)
          session.upstream.close()
        }
      metrics.udp.sessions = sessions.size
      void resolveUpstream()
    },
    Math.min(options.idleMs, 5_000),
  )
  sweeper.unref()

  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject)
    listener.bind(options.port, options.bindHost, () => {
      listener.off('error', reject)
      resolve()
    })
  })
  return {
    port: listener.address().port,
    close() {
      clearInterval(sweeper)
      for (const timer of timers) clearTimeout(timer)
      for (const session of sessions.values()) session.upstream.close()
      sessions.clear()
      listener.close()
    },
  }
}

function ignoreSendError(): void {
  // A datagram that cannot be sent is a lost datagram: UDP's contract, not an error to report.
}
