import { randomUUID } from 'node:crypto'
import { createKafkaEventLog, decodeEvent, type EventLog } from '@wired/events'
import type { MatchEnded } from '@wired/proto/gaming/v1/events'
import { GameClient } from '../../src/bots/adapters/game-client'
import { openTcpUdpLink } from '../../src/bots/adapters/tcp-udp.link'
import { matchTickets } from '../../src/shared/match-ticket'
import { gamingTopics, MatchEndedEvent } from '../../src/shared/topics'
import type { RunningGame } from './boot'
import { openWsLink } from './ws-link'

/**
 * What the game tests need besides the boot: tickets (signed with the deployment's secret, as the
 * api signs them, so a test can choose a match's id and a short end), clients over UDP+TCP and
 * over WebSocket, the game's /metrics, and the MatchEnded records on Kafka (twin or real).
 */
export function gamePlayers(game: RunningGame) {
  const tickets = matchTickets(game.env.GRPC_SECRET!)
  const addresses = { tcp: game.urls['game TCP']!, udp: game.urls['game UDP']! }
  const metricsUrl = game.urls['game metrics']!
  return {
    addresses,
    newMatchId: () => `m_${randomUUID().slice(0, 8)}`,
    ticket(matchId: string, name: string, endsAt = Date.now() + 60_000, playerId = `p_${randomUUID().slice(0, 8)}`) {
      return tickets.issue({ playerId, name, matchId, endsAt })
    },
    joinOverUdp: async (ticket: string) => GameClient.join(await openTcpUdpLink(addresses), ticket),
    joinOverWs: async (ticket: string) => GameClient.join(await openWsLink(game.urls['game WebSocket']!), ticket),
    metrics: async () => (await (await fetch(metricsUrl)).json()) as GameMetrics,
    /** Every MatchEnded on gaming.match-events (the run's prefixed topic), read from the start. */
    async matchEndedRecords(matchId: string, timeoutMs = 10_000): Promise<MatchEnded[]> {
      const events: EventLog =
        game.twins?.eventLog ??
        (await createKafkaEventLog({
          brokers: game.env.KAFKA_BROKERS!.split(','),
          clientId: `gaming-test-${randomUUID()}`,
        }))
      const prefix = game.env.KAFKA_TOPIC_PREFIX ?? ''
      const found: MatchEnded[] = []
      const subscription = await events.subscribe({
        groupId: `${prefix}gaming-test-${randomUUID()}`,
        topics: [gamingTopics(prefix).matchEvents],
        fromBeginning: true,
        handler: async (record) => {
          if (record.headers['event-type'] !== MatchEndedEvent.typeName) return
          const ended = decodeEvent(MatchEndedEvent, record)
          if (ended.matchId === matchId) found.push(ended)
        },
      })
      const started = Date.now()
      while (found.length === 0 && Date.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 100))
      await subscription.stop()
      if (!game.twins?.eventLog) await events.close()
      return found
    },
  }
}

export interface GameMetrics {
  tick: { ticks: number; durationMs: Percentiles; jitterMs: Percentiles }
  players: number
  matches: number
  sessions: number
  udp: { datagramsIn: number; datagramsOut: number; bytesIn: number; bytesOut: number }
  ws: { datagramsIn: number; datagramsOut: number; bytesIn: number; bytesOut: number }
  drops: Record<string, number>
  tcp: { errorFrames: number; droppedSlowClients: number; clients: number }
  wsClients: number
  rssBytes: number
}

type Percentiles = { p50: number; p99: number; max: number }
