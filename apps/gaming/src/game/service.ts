import { createHttpServer, serveWirePanel } from '@wired/http'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { matchTickets } from '../shared/match-ticket'
import { ensureTopics, gamingTopics } from '../shared/topics'
import { MatchEventsPublisher } from './adapters/match-events.publisher'
import type { GameConfig } from './config'
import { TickStats } from './domain/tick-stats'
import { TrafficCounters } from './domain/traffic-counters'
import { metricsRoutes } from './entrypoints/metrics.routes'
import { startTcpGateway } from './entrypoints/tcp.gateway'
import { startUdpGateway } from './entrypoints/udp.gateway'
import { startWsGateway } from './entrypoints/ws.gateway'
import { Arena } from './use-cases/arena'
import { startTickLoop } from './use-cases/tick-loop'

/**
 * The authoritative game server: one 60 Hz simulation per match; UDP for inputs and snapshots,
 * length-prefixed TCP for reliable events, both over WebSocket for browsers; match events to Kafka.
 */
export function createService(config: GameConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'gaming-game' })
    const topics = gamingTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const counters = new TrafficCounters()
    const ticks = new TickStats()
    const arena = new Arena({
      tickets: matchTickets(config.grpcSecret),
      publisher: new MatchEventsPublisher(eventLog, topics),
      capacity: config.matchCapacity,
      logger,
    })

    const udp = await startUdpGateway(arena, counters, { host: config.bindHost, port: config.udpPort })
    shutdown.defer(() => udp.close())
    const tcp = await startTcpGateway(arena, counters, {
      host: config.bindHost,
      port: config.tcpPort,
      maxUnsentBytes: config.maxUnsentBytes,
      logger,
    })
    shutdown.defer(() => tcp.close())

    const app = createHttpServer({ name: 'gaming-game', logger, rateLimit: false })
    const ws = startWsGateway(app.server, arena, counters, { maxUnsentBytes: config.maxUnsentBytes, logger })
    metricsRoutes(app, { arena, ticks, counters, tcpClients: () => tcp.clients, wsClients: () => ws.clients })
    serveWirePanel(app, config.wireCollectorUrl)
    await app.listen({ host: config.bindHost, port: config.httpPort })
    shutdown.defer(() => app.close())
    shutdown.defer(() => ws.close())

    const stopTicking = startTickLoop(config.tickHz, () => arena.tick(), ticks)
    shutdown.defer(stopTicking)
    const address = app.server.address()
    const httpPort = typeof address === 'object' && address ? address.port : config.httpPort
    return {
      http: `http://${config.bindHost}:${httpPort}`,
      udp: `${config.bindHost}:${udp.port}`,
      tcp: `${config.bindHost}:${tcp.port}`,
    }
  }, logger)
}
