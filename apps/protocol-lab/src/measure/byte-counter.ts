import net from 'node:net'

/**
 * Bytes on the wire, counted on real sockets. A pass-through TCP proxy sits between a client
 * and a server; each connection it forwards has an upstream `net.Socket` whose kernel-backed
 * `bytesWritten` (client → server) and `bytesRead` (server → client) counters are summed. The
 * counts are TCP payload: every byte of the protocol (HTTP headers, frames, MQTT packets, TLS
 * would be here too), but not the IP/TCP headers (40-60 bytes per segment) below it.
 * The proxy is a hop, so the lab uses it only in byte-counting passes, never while timing.
 */
export interface ByteCount {
  toServer: number
  toClient: number
  connections: number
}

export interface CountingProxy {
  port: number
  count(): ByteCount
  /** Raw server → client bytes in arrival order, when the proxy was created with `tap`. */
  tapped(): Buffer
  close(): Promise<void>
}

export async function startCountingProxy(targetPort: number, options: { tap?: boolean } = {}): Promise<CountingProxy> {
  const upstreams = new Set<net.Socket>()
  const closed = { toServer: 0, toClient: 0 }
  const chunks: Buffer[] = []
  let connections = 0
  const server = net.createServer((downstream) => {
    connections += 1
    downstream.setNoDelay(true)
    const upstream = net.connect(targetPort, '127.0.0.1')
    upstream.setNoDelay(true)
    upstreams.add(upstream)
    if (options.tap) upstream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)))
    downstream.pipe(upstream)
    upstream.pipe(downstream)
    const finish = () => {
      if (!upstreams.delete(upstream)) return
      closed.toServer += upstream.bytesWritten
      closed.toClient += upstream.bytesRead
      downstream.destroy()
      upstream.destroy()
    }
    upstream.on('close', finish)
    downstream.on('close', finish)
    upstream.on('error', finish)
    downstream.on('error', finish)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    count() {
      let toServer = closed.toServer
      let toClient = closed.toClient
      for (const upstream of upstreams) {
        toServer += upstream.bytesWritten
        toClient += upstream.bytesRead
      }
      return { toServer, toClient, connections }
    },
    tapped: () => Buffer.concat(chunks),
    close: () =>
      new Promise<void>((resolve) => {
        for (const upstream of upstreams) upstream.destroy()
        server.close(() => resolve())
      }),
  }
}

export function difference(after: ByteCount, before: ByteCount): ByteCount {
  return {
    toServer: after.toServer - before.toServer,
    toClient: after.toClient - before.toClient,
    connections: after.connections - before.connections,
  }
}
