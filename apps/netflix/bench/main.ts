/**
 * `pnpm --filter @wired/netflix bench`: the scenario's targets, each printed beside its target
 * and a bare baseline measured in the same run, embedded (one process: its resident memory is
 * the scenario's). BENCH_QUICK=1 shrinks it. Numbers are noisy on a shared two-core machine.
 *   1. transcode: × real time per rendition (real ffmpeg, -preset ultrafast), on a 6 s clip
 *   2. 50 concurrent viewers of one new video through the edge: hit ratio ≥ 0.9, origin
 *      requests ≤ 1/10 of viewer requests, segment p99 from the edge < 20 ms, beside a bare
 *      HTTP/2 server serving the same bytes from memory
 *   3. resident memory of the embedded scenario ≤ 300 MB
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadOrCreateCertificate, startBareHttp2 } from '@wired/edge'
import { bootScenario, percentiles, round, waitFor } from '@wired/testkit'
import { scenario } from '../src/scenario'
import { makeSampleClip } from '../src/shared/sample-clip'
import { transcodeRenditions } from '../src/transcoder/use-cases/transcode-video'
import { Http2Client, walkVideo } from '../test/support/http2-get'

const quick = process.env.BENCH_QUICK === '1'
const VIEWERS = 50
const ROUNDS = quick ? 1 : 3
const scratch = mkdtempSync(join(tmpdir(), 'wired-netflix-bench-'))

/** A sample clip on disk (the transcoder reads files), from the scenario's own clip maker. */
async function makeClip(seconds: number, size: string) {
  const path = join(scratch, `clip-${size}.mp4`)
  writeFileSync(path, await makeSampleClip(seconds, size))
  return path
}

/** 50 viewers, each on its own HTTP/2 connection, fetch every playlist and segment of one video. */
async function viewers(baseUrl: string, masterPath: string) {
  const segmentMs: number[] = []
  const clients = Array.from({ length: VIEWERS }, () => new Http2Client(baseUrl))
  try {
    // Connections first: 50 TLS handshakes at once are the load generator's cost, not a segment's.
    await Promise.all(clients.map((client) => client.get('/healthz')))
    await Promise.all(
      clients.map(async (client) => {
        const { paths } = await walkVideo(client, masterPath)
        for (const path of paths.filter((p) => p.endsWith('.ts'))) {
          const started = performance.now()
          const answer = await client.get(path)
          if (answer.status !== 200) throw new Error(`${path}: ${answer.status}`)
          segmentMs.push(performance.now() - started)
        }
      }),
    )
  } finally {
    for (const client of clients) client.close()
  }
  return segmentMs
}

try {
  // 1. Transcode speed, outside the pipeline: the same function the transcoder runs.
  const seconds = quick ? 4 : 6
  for (const size of ['320x180', '1280x720']) {
    const { timings } = await transcodeRenditions(await makeClip(seconds, size), join(scratch, `out-${size}`))
    for (const t of timings) {
      console.log(
        `transcode ${size} → ${t.rendition}: ${round(t.timesRealtime)}× real time (${round(t.seconds, 2)} s for ${seconds} s)`,
      )
    }
  }

  // 2. The edge under 50 viewers, then the bare baseline on the same bytes.
  const booted = await bootScenario(scenario, 'embedded', { env: { RATE_LIMIT_PER_MINUTE: '60000' } })
  try {
    const api = booted.urls['REST api']!
    const edge = booted.urls.edge!
    // biome-ignore lint/suspicious/noExplicitAny: the bench reads a few known fields of the envelope
    const post = async (path: string, init: RequestInit) => (await (await fetch(`${api}${path}`, init)).json()) as any
    const session = await post('/v1/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"bench"}',
    })
    const token = session.data.token as string
    const edgeStats = async () => {
      const client = new Http2Client(edge)
      const answer = await client.get('/stats')
      client.close()
      return JSON.parse(answer.body.toString()).data
    }
    const rssBefore = process.memoryUsage().rss / 1024 / 1024
    for (let round_ = 1; round_ <= ROUNDS; round_ += 1) {
      const clip = await makeSampleClip(seconds)
      const upload = await post('/v1/videos?title=bench', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'video/mp4' },
        body: new Uint8Array(clip),
      })
      const id = upload.data.id as string
      await waitFor(async () => (await post(`/v1/videos/${id}`, {})).data.state === 'ready', {
        timeoutMs: 60_000,
        what: 'ready',
      })
      const master = `/videos/${id}/master.m3u8`
      const before = await edgeStats()
      const edgeMs = await viewers(edge, master)
      const after = await edgeStats()
      const requests = after.requests - before.requests
      const hitRatio = (after.hits - before.hits) / requests
      const origin = after.originRequests - before.originRequests

      // The same bytes, from memory, behind a bare HTTP/2 server.
      const objects = new Map<string, Buffer>()
      const fetcher = new Http2Client(edge)
      for (const path of (await walkVideo(fetcher, master)).paths) objects.set(path, (await fetcher.get(path)).body)
      fetcher.close()
      const bare = await startBareHttp2(await loadOrCreateCertificate(scratch, 'bare'), objects)
      const bareMs = await viewers(bare.url, master)
      await bare.stop()

      const e = percentiles(edgeMs)
      const b = percentiles(bareMs)
      console.log(
        `round ${round_}: ${VIEWERS} viewers, ${requests} edge requests: hit ratio ${round(hitRatio, 3)} (target ≥ 0.9), ` +
          `origin ${origin} = 1/${round(requests / Math.max(origin, 1), 0)} of requests (target ≤ 1/10)`,
      )
      console.log(
        `  segment latency from the edge p50 ${round(e.p50, 2)} ms p99 ${round(e.p99, 2)} ms (target p99 < 20 ms, n=${e.n}); ` +
          `bare HTTP/2 from memory p50 ${round(b.p50, 2)} ms p99 ${round(b.p99, 2)} ms`,
      )
    }
    const rss = process.memoryUsage().rss / 1024 / 1024
    console.log(
      `resident memory of the embedded scenario: ${round(rssBefore, 0)} MB booted, before the first upload (target ≤ 300 MB); ` +
        `${round(rss, 0)} MB after the rounds, with the bench's own 100 HTTP/2 clients and copies of the bytes in the same process`,
    )
  } finally {
    await booted.stop()
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
process.exit(0)
