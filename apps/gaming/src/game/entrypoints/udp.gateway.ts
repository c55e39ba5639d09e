import { createSocket, type RemoteInfo, type Socket } from 'node:dgram'
import { Hops } from '@wired/wire'
import { decodeDatagram } from '../../shared/protocol'
import type { TrafficCounters } from '../domain/traffic-counters'
import type { Arena } from '../use-cases/arena'
import { acceptDatagram } from './datagram-intake'

/**
 * The UDP edge: inputs in, snapshots out, no connection. Nothing here ever answers a datagram
 * that failed a check: a reply to a spoofed source address would make this server a reflector
 * aimed at whoever owns that address. Drops are only counted (GET /metrics).
 */
export async function startUdpGateway(
  arena: Arena,
  counters: TrafficCounters,
  options: { host: string; port: number },
): Promise<{ socket: Socket; port: number; close(): Promise<void> }> {
  const socket = createSocket({ type: 'udp4' })
  const hops = new Hops()
  socket.on('message', (bytes: Buffer, from: RemoteInfo) => {
    counters.udp.datagramsIn += 1
    counters.udp.bytesIn += bytes.length
    const decoded = decodeDatagram(bytes)
    if (!decoded.ok) return counters.drop(decoded.fault)
    const session = arena.sessions.get(decoded.datagram.connectionId)
    if (!session) return counters.drop('unknown-connection')
    const accepted = acceptDatagram(arena, counters, session, decoded.datagram, `${from.address}:${from.port}`)
    if (accepted !== 'hello') return
    // A hello is once per session: worth a hop in the wire view. Inputs, 60 a second per player, are not.
    hops.around({ kind: 'server', protocol: 'udp', name: 'hello', peer: 'game client', bytes: bytes.length }, () => {
      session.sendDatagram = (snapshot) => {
        counters.udp.datagramsOut += 1
        counters.udp.bytesOut += snapshot.length
        socket.send(snapshot, from.port, from.address)
      }
    })
  })
  // A send error (an ICMP port unreachable from a client that went away) is not the server's problem.
  socket.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject)
      resolve()
    })
  })
  return {
    socket,
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  }
}
