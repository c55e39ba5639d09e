/**
 * `pnpm exec tsx bench/chat.ts` (in apps/twitch): chat fan-out, target message → every viewer
 * p99 < 200 ms with 5,000 viewers over the two chat servers (BENCH_VIEWERS, half on each). One
 * signed-in sender on chat-a posts BENCH_RATE messages a second (default 10) for BENCH_SECONDS
 * (default 15); each message goes chat-a → Redis PUBLISH → both servers → every viewer socket.
 * Viewers are anonymous (read-only) sockets, as most of a real channel's audience is. Beside it,
 * in the same run and with the same clients: a bare `ws` server (its own process) broadcasting
 * each frame to the same number of sockets, i.e. what WebSocket fan-out costs on this machine
 * with no Redis, no second server, no rules. Then the resident memory of each chat server.
 * Real infra (each service its own process) if its env is set, else embedded (one process).
 */
import { fork } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { RunMode } from '@wired/testkit'
import WebSocket, { WebSocketServer } from 'ws'
import { bootTwitch } from '../test/support/boot'

async function main() {
  const mode = (process.env.BENCH_MODE ?? (process.env.KAFKA_BROKERS ? 'real' : 'embedded')) as RunMode
  const viewers = Number(process.env.BENCH_VIEWERS ?? 5_000)
  const rate = Number(process.env.BENCH_RATE ?? 10)
  const seconds = Number(process.env.BENCH_SECONDS ?? 15)
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')
  console.log(
    `twitch chat bench: ${mode} mode, ${viewers} viewers, ${rate} msg/s for ${seconds} s, ${cpus().length} CPUs, load ${load()}`,
  )

  // The baseline first, on an idle machine, then the system.
  const baselineServer = fork(fileURLToPath(import.meta.url), ['--baseline-server'], { execArgv: ['--import', 'tsx'] })
  process.once('exit', () => baselineServer.kill())
  const port = await new Promise<number>((resolve) => baselineServer.once('message', (m) => resolve(m as number)))
  const bare = `ws://127.0.0.1:${port}`
  const baseline = await measure({
    viewerUrls: [bare],
    senderUrl: bare,
    senderHeaders: {},
    encode: (text) => text,
    textOf: (frame) => frame,
    viewers,
    rate,
    seconds,
  })
  const baselineRss = await rss(baselineServer.pid!)
  baselineServer.kill()
  console.log(`bare ws: p99 ${baseline.p99} ms over ${baseline.deliveries} deliveries; booting twitch ...`)

  const twitch = await bootTwitch(mode, {
    only: ['api', 'chat-a', 'chat-b', 'analytics'],
    env: {
      LOG_LEVEL: 'warn',
      // BENCH_WIRE=off measures the chat servers without the wire view's tracing (async hooks).
      ...(process.env.BENCH_WIRE === 'off' ? { WIRE_TRACING: 'off' } : {}),
      CHAT_USER_MESSAGES: '1000000',
      CHAT_FRAMES_PER_SECOND: '10000',
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
  })
  try {
    const sender = (
      await twitch.request<{ name: string; token: string }>('POST', '/api/users', {
        body: { name: `bench_${Date.now().toString(36).slice(-6)}` },
      })
    ).body.data!
    const channel = sender.name
    const chat = await measure({
      viewerUrls: twitch.chatUrls.map((url) => `${url}?channel=${channel}`),
      viewerHeaders: { authorization: 'Bearer anonymous' },
      senderUrl: `${twitch.chatUrls[0]}?channel=${channel}`,
      senderHeaders: { authorization: `Bearer ${sender.token}` },
      encode: (text) => JSON.stringify({ type: 'send', text }),
      textOf: (frame) => {
        const parsed = JSON.parse(frame) as { type: string; parts?: Array<{ text?: string }> }
        return parsed.type === 'message' ? (parsed.parts?.[0]?.text ?? null) : null
      },
      viewers,
      rate,
      seconds,
      // Viewers are counted in Redis as they join: check the api sees them all, across both servers.
      afterConnect: async () =>
        console.log(
          `api counts ${(await twitch.request<{ viewers: number }>('GET', `/api/streams/${channel}`)).body.data?.viewers} viewers`,
        ),
    })
    const memory: Record<string, string> = { 'bare ws server': mib(baselineRss) }
    if (twitch.processes) {
      for (const name of ['chat-a', 'chat-b']) memory[name] = mib(await rss(twitch.processes.pidOf(name)!))
    } else memory['whole embedded scenario (one process, incl. the bench clients)'] = mib(process.memoryUsage().rss)
    console.log('message → every viewer (ms):')
    console.table({ 'bare ws broadcast (1 server)': baseline, 'twitch chat (2 servers + Redis)': chat })
    console.log(`target: p99 < 200 ms → ${chat.p99 < 200 ? 'met' : 'MISSED'}`)
    console.log('resident memory after the run:')
    console.table(memory)
  } finally {
    await twitch.stop()
  }
  process.exit(0)
}

interface Run {
  viewerUrls: string[]
  viewerHeaders?: Record<string, string>
  senderUrl: string
  senderHeaders: Record<string, string>
  encode(text: string): string
  /** The text the sender wrote, from a received frame; null for frames that are not messages. */
  textOf(frame: string): string | null
  viewers: number
  rate: number
  seconds: number
  afterConnect?: () => Promise<void>
}

/** Connects the viewers (spread over the urls), sends at the rate, and collects every delivery's latency. */
async function measure(run: Run) {
  const samples = new Float64Array(run.viewers * run.rate * run.seconds)
  let count = 0
  const sentAt = new Map<string, number>()
  const sockets: WebSocket[] = []
  // A viewer the server closes during the run (1013: a slow consumer, its unread data past the
  // bound) misses the rest: "lost" deliveries are counted with the close codes that explain them.
  let finished = false
  const closedEarly: Record<number, number> = {}
  const open = async (url: string, headers: Record<string, string>) => {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false })
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
    socket.on('close', (code) => {
      if (!finished) closedEarly[code] = (closedEarly[code] ?? 0) + 1
    })
    sockets.push(socket)
    return socket
  }
  for (let start = 0; start < run.viewers; start += 200) {
    const batch = Array.from({ length: Math.min(200, run.viewers - start) }, (_, i) =>
      open(run.viewerUrls[(start + i) % run.viewerUrls.length]!, run.viewerHeaders ?? {}).then((socket) =>
        socket.on('message', (data) => {
          const text = run.textOf(String(data))
          const at = text === null ? undefined : sentAt.get(text)
          if (at !== undefined && count < samples.length) samples[count++] = performance.now() - at
        }),
      ),
    )
    await Promise.all(batch)
  }
  await run.afterConnect?.()
  const sender = await open(run.senderUrl, run.senderHeaders)
  await new Promise((resolve) => setTimeout(resolve, 500))
  const total = run.rate * run.seconds
  for (let i = 0; i < total; i++) {
    const text = `bench ${i} ${'x'.repeat(40)}`
    sentAt.set(text, performance.now())
    sender.send(run.encode(text))
    await new Promise((resolve) => setTimeout(resolve, 1000 / run.rate))
  }
  // Stragglers: bounded wait for the last deliveries.
  const expected = total * run.viewers
  for (let waited = 0; count < expected && waited < 5_000; waited += 100) await new Promise((r) => setTimeout(r, 100))
  finished = true
  for (const socket of sockets) socket.terminate()
  const sorted = samples.slice(0, count).sort()
  const at = (p: number) => round(sorted[Math.min(count - 1, Math.ceil(p * count) - 1)] ?? Number.NaN)
  const closed =
    Object.entries(closedEarly)
      .map(([code, n]) => `${n}×${code}`)
      .join(' ') || 'none'
  return {
    deliveries: count,
    expected,
    lost: expected - count,
    'closed early': closed,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: at(1),
  }
}

/** The baseline: a bare ws server that broadcasts every frame it receives to every socket, encoded once. */
async function serveBaseline() {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false })
  await new Promise((resolve) => server.once('listening', resolve))
  server.on('connection', (socket) =>
    socket.on('message', (data) => {
      const frame = String(data)
      for (const client of server.clients) client.send(frame)
    }),
  )
  process.send?.((server.address() as { port: number }).port)
}

async function rss(pid: number): Promise<number> {
  const kib = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1]
  return Number(kib) * 1024
}
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`
const round = (value: number) => Number(value.toFixed(1))

// Last, so every helper above is initialized before it runs.
if (process.argv.includes('--baseline-server')) await serveBaseline()
else await main()
