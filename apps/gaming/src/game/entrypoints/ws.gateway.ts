import type { Server } from 'node:http'
import type { Logger } from '@wired/runtime'
import { Hops } from '@wired/wire'
import { type WebSocket, WebSocketServer } from 'ws'
import { decodeDatagram, MAX_DATAGRAM_BYTES, MAX_FRAME_BYTES } from '../../shared/protocol'
import type { TrafficCounters } from '../domain/traffic-counters'
import type { Arena } from '../use-cases/arena'
import { acceptDatagram } from './datagram-intake'
import { type EventConnection, eventSerializer, handleFrameBody } from './event-frames'

/**
 * The browsers' edge, ws://<game>/play: text frames are the TCP events (same JSON, no length
 * prefix), binary frames the UDP datagrams (same bytes). @wired/ws's gateway authenticates in the
 * HTTP upgrade with a bearer token; here the credential is the match ticket in the first `join`
 * frame, as on TCP, so this edge uses `ws` directly behind the game's HTTP server.
 * Over WebSocket a lost snapshot is never lost, only late (TCP underneath): the price of no UDP.
 */
export function startWsGateway(
  server: Server,
  arena: Arena,
  counters: TrafficCounters,
  options: { maxUnsentBytes: number; logger: Logger },
) {
  const hops = new Hops()
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: Math.max(MAX_FRAME_BYTES, MAX_DATAGRAM_BYTES),
    perMessageDeflate: false,
  })
  const sockets = new Set<WebSocket>()
  let nextId = 1
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://game').pathname !== '/play') return
    wss.handleUpgrade(request, socket, head, (ws) => serve(ws, `ws-${nextId++}`))
  })

  function serve(ws: WebSocket, socketId: string) {
    sockets.add(ws)
    const dropIfBehind = () => {
      if (ws.bufferedAmount <= options.maxUnsentBytes) return false
      counters.tcp.droppedSlowClients += 1
      ws.terminate()
      return true
    }
    const serialize = eventSerializer(hops, 'ws', () => socketId)
    const connection: EventConnection = {
      protocol: 'ws',
      session: undefined,
      channel: {
        send(event) {
          if (ws.readyState !== ws.OPEN) return
          ws.send(JSON.stringify(serialize(event)))
          dropIfBehind()
        },
        close: () => ws.close(1000, 'bye'),
      },
      close: () => ws.close(1008, 'protocol error'),
      // No address to bind over WebSocket: the socket itself is the session's one sender.
      onJoined(session) {
        session.boundAddress = socketId
        session.sendDatagram = (bytes) => {
          if (ws.readyState !== ws.OPEN || dropIfBehind()) return
          counters.ws.datagramsOut += 1
          counters.ws.bytesOut += bytes.length
          ws.send(bytes)
        }
      },
    }
    ws.on('message', (data, isBinary) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
      if (!isBinary) return handleFrameBody(arena, hops, connection, bytes.toString('utf8'))
      counters.ws.datagramsIn += 1
      counters.ws.bytesIn += bytes.length
      const decoded = decodeDatagram(bytes)
      if (!decoded.ok) return counters.drop(decoded.fault)
      const session = connection.session
      if (!session || decoded.datagram.connectionId !== session.connectionId) return counters.drop('unknown-connection')
      acceptDatagram(arena, counters, session, decoded.datagram, socketId)
    })
    ws.on('error', (error) => options.logger.debug({ err: error, socketId }, 'websocket error'))
    ws.on('close', () => {
      sockets.delete(ws)
      if (connection.session) arena.disconnect(connection.session, 'connection-lost')
    })
  }

  return {
    get clients() {
      return sockets.size
    },
    async close() {
      for (const ws of sockets) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}
