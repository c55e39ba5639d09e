/**
 * A benchmark's baseline: a bare HTTP/2 + TLS server (node:http2, the same certificate kind) answering
 * the same paths with the same bytes from a Map in memory. No cache logic, no origin, no
 * checks: what serving a segment costs on this machine, against which the edge is measured.
 */
import { createSecureServer } from 'node:http2'
import type { Socket } from 'node:net'

export async function startBareHttp2(tls: { key: Buffer; cert: Buffer }, objects: Map<string, Buffer>) {
  const server = createSecureServer({ ...tls, allowHTTP1: true })
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('stream', (stream, headers) => {
    const body = objects.get(String(headers[':path']))
    if (!body) {
      stream.respond({ ':status': 404 })
      stream.end()
      return
    }
    stream.respond({ ':status': 200, 'content-length': String(body.length) })
    stream.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `https://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
}
