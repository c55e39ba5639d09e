/**
 * The baseline for bench/prices.ts: a bare `ws` server, nothing of the gateway (no token, no
 * subscriptions, no coalescing, no Redis). Every 1000/FRAMES_PER_SECOND ms it encodes one
 * protobuf price frame of SYMBOLS_PER_FRAME prices stamped with the current time and sends the
 * same bytes to every client: the floor any price gateway pays for the same frame rate.
 * Run by the benchmark as a child process; prints its port on stdout.
 */
import { ServerFrame } from '@wired/proto/robinhood/v1/prices'
import { WebSocketServer } from 'ws'
import { SYMBOLS } from '../src/shared/symbols'

const framesPerSecond = Number(process.env.FRAMES_PER_SECOND ?? 20)
const symbolsPerFrame = Number(process.env.SYMBOLS_PER_FRAME ?? 20)
const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false })
const prices = SYMBOLS.slice(0, symbolsPerFrame).map((symbol, i) => ({ symbol, priceCents: 10_000 + i }))
let seq = 0

setInterval(() => {
  seq += 1
  const now = Date.now()
  const frame = ServerFrame.encode({
    kind: { $case: 'prices', value: { epoch: 'bare', seq, atMs: now, firstAtMs: now, prices } },
  }).finish()
  for (const client of server.clients) client.send(frame)
}, 1000 / framesPerSecond)

server.on('listening', () => {
  const address = server.address()
  console.log(typeof address === 'object' && address ? address.port : address)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
