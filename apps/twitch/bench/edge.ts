/**
 * `pnpm exec tsx bench/edge.ts` (in apps/twitch): 100 viewers follow one live stream through the
 * edge for BENCH_SECONDS (default 20), each on its own HTTP/2 connection, as hls.js does: the 360p
 * playlist every second, then every segment it has not fetched yet. Prints the edge's hit ratio
 * (target ≥ 0.9), origin requests beside viewer requests, segment latency p50/p99 from the edge
 * beside a bare HTTP/2 server serving the same bytes from memory (@wired/edge's baseline), and
 * the resident memory of the embedded scenario (target ≤ 300 MB). BENCH_VIEWERS changes the 100.
 * Embedded (one process); numbers are noisy on a shared two-core machine.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadOrCreateCertificate, startBareHttp2 } from '@wired/edge'
import { percentiles, round, sleep, waitFor } from '@wired/testkit'
import { streamKeys } from '../src/shared/stream-key'
import { startTestStream } from '../src/shared/test-stream'
import { bootTwitch } from '../test/support/boot'
import { Http2Client, segmentUris } from '../test/support/video-h2'

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 100)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const scratch = mkdtempSync(join(tmpdir(), 'wired-twitch-bench-'))

/** One viewer: playlist every second, new segments as they appear; returns each segment's fetch time. */
async function follow(client: Http2Client, base: string, until: number, times: number[], fetched: Set<string>) {
  await sleep(Math.random() * 1_000) // viewers do not poll in lockstep
  const seen = new Set<string>()
  while (Date.now() < until) {
    const tick = Date.now()
    const playlist = await client.get(`${base}/360p/index.m3u8`)
    // A viewer joining live starts near the end (hls.js: three segments from the edge of the playlist).
    const uris = segmentUris(playlist.body.toString())
    for (const uri of seen.size === 0 ? uris.slice(-3) : uris.filter((u) => !seen.has(u))) {
      seen.add(uri)
      const started = performance.now()
      const answer = await client.get(`${base}/360p/${uri}`)
      if (answer.status !== 200) throw new Error(`${uri}: ${answer.status}`)
      times.push(performance.now() - started)
      fetched.add(`${base}/360p/${uri}`)
    }
    await sleep(Math.max(0, 1_000 - (Date.now() - tick)))
  }
}

const twitch = await bootTwitch('embedded', { env: { LOG_LEVEL: 'warn' } })
const rssBooted = process.memoryUsage().rss / 1024 / 1024
const key = streamKeys(twitch.env.GRPC_SECRET!).issue('bench')
const stream = await startTestStream({ url: `${twitch.rtmpUrl}/${key}`, seconds: SECONDS + 30 })
try {
  const ingest = twitch.urls['ingest control']!
  const live = await waitFor(
    async () => {
      const body = (await (await fetch(`${ingest}/streams`)).json()) as {
        data: { streams: Array<{ channel: string; streamId: string; playable: boolean }> }
      }
      return body.data.streams.find((s) => s.channel === 'bench' && s.playable)
    },
    { timeoutMs: 30_000, intervalMs: 200, what: 'the bench stream playable' },
  )
  const base = `/streams/${live.streamId}`
  await sleep(3_000) // a few segments, as a viewer arriving a little after the start would find
  const stats = async () => {
    const client = new Http2Client(twitch.edgeUrl)
    const answer = await client.get('/stats')
    client.close()
    return JSON.parse(answer.body.toString()).data
  }
  const clients = Array.from({ length: VIEWERS }, () => new Http2Client(twitch.edgeUrl))
  await Promise.all(clients.map((client) => client.get('/healthz'))) // TLS handshakes are not a segment's cost
  const before = await stats()
  const edgeMs: number[] = []
  const fetched = new Set<string>()
  const until = Date.now() + SECONDS * 1_000
  await Promise.all(clients.map((client) => follow(client, base, until, edgeMs, fetched)))
  const after = await stats()
  const rssLoaded = process.memoryUsage().rss / 1024 / 1024
  for (const client of clients) client.close()

  // The same segments, from memory, behind a bare HTTP/2 server, fetched on the viewers' schedule
  // (a random start in the first second, three segments at once, then one a second), so the two
  // latencies see the same concurrency: each viewer fetches each segment once.
  const objects = new Map<string, Buffer>()
  const reader = new Http2Client(twitch.edgeUrl)
  for (const path of fetched) objects.set(path, (await reader.get(path)).body)
  reader.close()
  const bare = await startBareHttp2(await loadOrCreateCertificate(scratch, 'bare'), objects)
  const bareClients = Array.from({ length: VIEWERS }, () => new Http2Client(bare.url))
  const bareMs: number[] = []
  await Promise.all(bareClients.map((client) => client.get('/healthz')))
  await Promise.all(
    bareClients.map(async (client) => {
      await sleep(Math.random() * 1_000)
      let index = 0
      for (const path of objects.keys()) {
        const started = performance.now()
        await client.get(path)
        bareMs.push(performance.now() - started)
        if (++index >= 3) await sleep(Math.max(0, 1_000 - (performance.now() - started)))
      }
    }),
  )
  for (const client of bareClients) client.close()
  await bare.stop()

  const requests = after.requests - before.requests
  const hits = after.hits - before.hits
  const origin = after.originRequests - before.originRequests
  const e = percentiles(edgeMs)
  const b = percentiles(bareMs)
  console.log(
    `${VIEWERS} viewers following one live stream for ${SECONDS} s through the edge: ${requests} viewer requests, ` +
      `${origin} origin requests (${after.expired - before.expired} of them refetches of an expired live playlist)`,
  )
  console.log(`  edge hit ratio ${round(hits / requests, 3)} (target ≥ 0.9)`)
  console.log(
    `  segment latency from the edge p50 ${round(e.p50, 2)} ms p99 ${round(e.p99, 2)} ms (n=${e.n}); ` +
      `bare HTTP/2 from memory p50 ${round(b.p50, 2)} ms p99 ${round(b.p99, 2)} ms (n=${b.n})`,
  )
  console.log(
    `  resident memory of the embedded scenario: ${round(rssBooted, 0)} MB booted (target ≤ 300 MB), ` +
      `${round(rssLoaded, 0)} MB with the stream and the bench's ${VIEWERS} HTTP/2 clients in the same process`,
  )
} finally {
  await stream.kill()
  await twitch.stop()
  rmSync(scratch, { recursive: true, force: true })
}
process.exit(0)
