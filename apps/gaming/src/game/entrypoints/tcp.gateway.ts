import { createServer, type Server, type Socket } from 'node:net'
import type { Logger } from '@wired/runtime'
import { Hops } from '@wired/wire'
import { encodeFrame, FrameError, frameDecoder } from '../../shared/protocol'
import type { TrafficCounters } from '../domain/traffic-counters'
import type { Arena } from '../use-cases/arena'
import { type EventConnection, eventSerializer, handleFrameBody } from './event-frames'

/**
 * The TCP edge: length-prefixed JSON frames (u32 length, then the body), reliable and in order.
 * A client that stops reading is dropped once the server holds more than `maxUnsentBytes` for it:
 * socket.write never blocks, so without that bound one stalled client would grow the server's
 * memory without limit; with it, the others never wait for anyone.
 */
export async function startTcpGateway(
  arena: Arena,
  counters: TrafficCounters,
  options: { host: string; port: number; maxUnsentBytes: number; logger: Logger },
): Promise<{ server: Server; port: number; readonly clients: number; close(): Promise<void> }> {
  const hops = new Hops()
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.setNoDelay(true) // events are small and latency matters more than packing
    const peer = `${socket.remoteAddress}:${socket.remotePort}`
    const decoder = frameDecoder()
    const serialize = eventSerializer(hops, 'tcp', () => peer)
    const connection: EventConnection = {
      protocol: 'tcp',
      session: undefined,
      channel: {
        send(event) {
          if (socket.destroyed || !socket.writable) return
          const framed = serialize(event)
          if (framed.type === 'error') counters.tcp.errorFrames += 1
          socket.write(encodeFrame(framed))
          if (socket.writableLength > options.maxUnsentBytes) {
            counters.tcp.droppedSlowClients += 1
            socket.destroy()
          }
        },
        close: () => socket.end(),
      },
      close: () => socket.end(),
    }
    socket.on('data', (chunk: Buffer) => {
      let bodies: string[]
      try {
        bodies = decoder.push(chunk)
      } catch (error) {
        if (!(error instanceof FrameError)) throw error
        connection.channel.send({ type: 'error', code: 'INVALID_ARGUMENT', message: error.message })
        socket.end()
        socket.pause() // the rest of the stream cannot be framed: read no more of it
        return
      }
      for (const body of bodies) {
        if (socket.destroyed || socket.writableEnded) return
        handleFrameBody(arena, hops, connection, body)
      }
    })
    socket.on('error', (error) => options.logger.debug({ err: error, peer }, 'tcp client error'))
    socket.on('close', () => {
      sockets.delete(socket)
      if (connection.session) arena.disconnect(connection.session, 'connection-lost')
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  return {
    server,
    port: typeof address === 'object' && address ? address.port : options.port,
    get clients() {
      return sockets.size
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
