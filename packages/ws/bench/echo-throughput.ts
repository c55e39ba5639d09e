/**
 * Echo throughput: the gateway kit vs a bare `ws` echo server, same process, same load.
 * Run: `tsx bench/echo-throughput.ts` (about 20 s). The gateway must stay >= 0.8x bare ws.
 *
 * Load: CLIENTS connections, each keeping WINDOW messages in flight; every echo triggers the
 * next send. The load generator shares the process (and this machine's cores), so read the
 * ratio, not the absolute numbers.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import { createWsGateway } from '../src/index'

const CLIENTS = 50
const WINDOW = 10
const SECONDS = 2
const FRAME = JSON.stringify({ type: 'send', chatId: 'c1', clientMsgId: 'm-000001', text: 'hello there' })

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`
}

/** `parse`: the bare server also decodes and re-encodes JSON, as any real chat server must. */
async function bareEcho(parse: boolean): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer()
  const wss = new WebSocketServer({ server, path: '/ws', maxPayload: 64 * 1024 })
  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      if (parse) socket.send(JSON.stringify(JSON.parse(data.toString())))
      else socket.send(data, { binary: isBinary })
    })
  })
  const url = await listen(server)
  return {
    url,
    stop: () =>
      close(server, () => {
        for (const socket of wss.clients) socket.terminate()
      }),
  }
}

async function gatewayEcho(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer()
  const gateway = createWsGateway<{ id: string }>({
    server,
    path: '/ws',
    allowedOrigins: '*',
    rateLimit: { messages: 1_000_000, perMs: 1_000 }, // on, but never reached: its cost is measured
    authenticate: async (token) => ({ id: token }),
    onConnection: (connection) => connection.onMessage((message) => void connection.send(message)),
  })
  const url = await listen(server)
  return { url, stop: () => close(server, () => void gateway.close()) }
}

function close(server: Server, closeSockets: () => void): Promise<void> {
  closeSockets()
  return new Promise((resolve) => server.close(() => resolve()))
}

async function measure(url: string): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, (_, n) => {
      const socket = new WebSocket(url, { headers: { authorization: `Bearer user${n}` } })
      return new Promise<WebSocket>((resolve) => socket.once('open', () => resolve(socket)))
    }),
  )
  let echoes = 0
  let running = true
  for (const socket of clients) {
    socket.on('message', () => {
      echoes += 1
      if (running) socket.send(FRAME)
    })
    for (let i = 0; i < WINDOW; i++) socket.send(FRAME)
  }
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000))
  running = false
  const rate = echoes / SECONDS
  for (const socket of clients) socket.terminate()
  return rate
}

const results: Record<string, number[]> = { raw: [], json: [], gateway: [] }
for (let round = 0; round < 3; round++) {
  for (const [name, start] of [
    ['raw', () => bareEcho(false)],
    ['json', () => bareEcho(true)],
    ['gateway', gatewayEcho],
  ] as const) {
    const server = await start()
    results[name]?.push(await measure(server.url))
    await server.stop()
  }
}
const best = (name: string) => Math.max(...(results[name] ?? [0]))
for (const [name, label] of [
  ['raw', 'bare ws, echoes bytes     '],
  ['json', 'bare ws, parses JSON      '],
  ['gateway', 'gateway kit (JSON, limits)'],
] as const) {
  console.log(`${label} ${Math.round(best(name))} msg/s  (rounds: ${results[name]?.map(Math.round).join(', ')})`)
}
console.log(`gateway / bare bytes echo: ${(best('gateway') / best('raw')).toFixed(2)}x (target >= 0.80x)`)
console.log(`gateway / bare JSON echo:  ${(best('gateway') / best('json')).toFixed(2)}x`)
