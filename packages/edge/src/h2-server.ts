/**
 * An HTTP/2 + TLS server for an origin or an edge (node:http2, allowHTTP1 so curl and old
 * clients still get HTTP/1.1 over TLS), that stop() really stops: close() alone waits for every
 * idle keep-alive session, which a player holds open for minutes.
 */

import { createSecureServer, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2'
import type { Socket } from 'node:net'
import type { Logger } from '@wired/runtime'
import { extractHeaders, Hops } from '@wired/wire'

export async function listenHttp2(options: {
  tls: { key: Buffer; cert: Buffer }
  host: string
  port: number
  handle(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): Promise<void>
  logger: Logger
}) {
  const server = createSecureServer({ ...options.tls, allowHTTP1: true })
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  // The wire view: each request is a server hop, continuing the caller's trace (traceparent).
  const hops = new Hops()
  server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined)
    const path = String(headers[':path'] ?? '/').split('?')[0]
    const hop = {
      kind: 'server' as const,
      protocol: 'http' as const,
      name: `${headers[':method']} ${path}`,
      parent: extractHeaders(headers),
    }
    hops
      .around(hop, () => options.handle(stream, headers))
      .catch((error) => {
        options.logger.error({ err: error }, 'request failed')
        if (!stream.destroyed && !stream.headersSent) stream.respond({ ':status': 500 })
        if (!stream.destroyed) stream.end()
      })
  })
  server.on('sessionError', () => undefined)
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
}
