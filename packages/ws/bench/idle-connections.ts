/**
 * Idle connections: how much one gateway process pays per open, quiet socket, and whether the
 * shared heartbeat stays cheap at that count.
 * Run: `node --expose-gc --import tsx bench/idle-connections.ts [count, default 20000]`.
 *
 * The clients live in a child process so each process stays under its file-descriptor limit
 * (`ulimit -n`); the gateway process holds one descriptor per connection.
 */
import { fork } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { WebSocket } from 'ws'
import { createWsGateway } from '../src/index'

const clientRole = process.argv[2] === 'clients'
const count = Number(process.argv[clientRole ? 3 : 2] ?? 20_000)
const url = process.argv[4] ?? ''

if (clientRole) {
  const sockets: WebSocket[] = []
  for (let opened = 0; opened < count; ) {
    const batch = Math.min(500, count - opened)
    await Promise.all(
      Array.from({ length: batch }, (_, n) => {
        const socket = new WebSocket(url, { headers: { authorization: `Bearer user${opened + n}` } })
        sockets.push(socket)
        return new Promise<void>((resolve, reject) => {
          socket.once('open', () => resolve())
          socket.once('error', reject)
        })
      }),
    )
    opened += batch
  }
  process.send?.('ready')
  process.on('message', () => {
    for (const socket of sockets) socket.terminate()
    process.exit(0)
  })
} else {
  const heartbeatMs = 5_000
  const server = createServer()
  const gateway = createWsGateway<{ id: string }>({
    server,
    path: '/ws',
    allowedOrigins: '*',
    heartbeatMs,
    authenticate: async (token) => ({ id: token }),
    onConnection: (connection) => connection.onMessage(() => {}),
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`

  globalThis.gc?.()
  const before = process.memoryUsage()
  const started = Date.now()
  const clients = fork(import.meta.filename, ['clients', String(count), address], { execArgv: process.execArgv })
  await new Promise<void>((resolve, reject) => {
    clients.once('message', () => resolve())
    clients.once('exit', (code) =>
      reject(new Error(`client process exited with ${code} (is \`ulimit -n\` above ${count}?)`)),
    )
  })
  const openMs = Date.now() - started

  // Three heartbeat sweeps over every socket, watching how long the event loop stalls.
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  await new Promise((resolve) => setTimeout(resolve, 3.5 * heartbeatMs))
  delay.disable()
  globalThis.gc?.()
  const after = process.memoryUsage()
  const perConnection = (bytes: number) => (bytes / gateway.openConnections / 1024).toFixed(1)

  console.log(`open connections: ${gateway.openConnections} (opened in ${openMs} ms)`)
  console.log(`heartbeat timeouts after 3 sweeps: ${gateway.stats().heartbeatTimeouts}`)
  console.log(
    `rss +${Math.round((after.rss - before.rss) / 2 ** 20)} MiB = ${perConnection(after.rss - before.rss)} KiB per connection`,
  )
  console.log(
    `heap +${Math.round((after.heapUsed - before.heapUsed) / 2 ** 20)} MiB = ${perConnection(after.heapUsed - before.heapUsed)} KiB per connection`,
  )
  console.log(
    `event loop delay during sweeps: p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
  )

  clients.send('stop')
  await new Promise((resolve) => clients.once('exit', resolve))
  await gateway.close()
  server.close()
}
