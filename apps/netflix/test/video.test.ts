import { existsSync } from 'node:fs'
import { join } from 'node:path'
import {
  hopsInOrder,
  hopIs as is,
  launchChromium,
  newTraceparent,
  runModes,
  sleep,
  waitFor,
  waitForTrace,
} from '@wired/testkit'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeClips } from './support/clips'
import { Http2Client, walkVideo } from './support/http2-get'
import { bootNetflix, type RunningNetflix } from './support/system'

/**
 * The scenario from outside, through its real protocols: REST upload → the Kafka pipeline with
 * real ffmpeg (and the transcoder killed -9 mid-job) → HLS over HTTP/2 + TLS through the edge
 * cache → engagement and gRPC recommendations → hostile inputs → both pages in Chromium.
 * One boot per mode; CI runs this same file against the compose profile.
 */
describe.each(runModes())('netflix (%s)', (mode) => {
  let system: RunningNetflix
  let edge: Http2Client
  let clips: Awaited<ReturnType<typeof makeClips>>
  let alice: string
  let bob: string
  let first: string
  let second: string

  const ready = (id: string) =>
    waitFor(
      async () => {
        const answer = await system.call('GET', `/v1/videos/${id}`)
        return answer.body.data?.state === 'ready' ? answer.body.data : undefined
      },
      { timeoutMs: 60_000, what: `video ${id} ready` },
    )

  beforeAll(async () => {
    clips = await makeClips(4)
    system = await bootNetflix(mode)
    edge = new Http2Client(system.edge)
    alice = await system.signIn(`alice-${mode}`)
    bob = await system.signIn(`bob-${mode}`)
  })
  afterAll(async () => {
    edge?.close()
    await system?.stop()
  })

  it('makes an upload ready exactly once, with the transcoder killed -9 mid-job', async () => {
    if (!system.booted.processes) throw new Error('this mode cannot kill a service')
    const upload = await system.upload(alice, 'Test pattern', clips.good)
    expect(upload.status).toBe(201)
    first = upload.body.data.id
    expect(upload.body.data).toMatchObject({ state: 'uploaded', width: 320, height: 180 })
    // Kill it while ffmpeg is writing (on compose the data dir is a volume: a short wait instead).
    const dataDir = system.booted.env.NETFLIX_DATA_DIR
    if (dataDir && mode !== 'compose') {
      await waitFor(() => existsSync(join(dataDir, 'videos', first, '360p')), {
        timeoutMs: 20_000,
        what: 'transcode started',
      })
    } else await sleep(300)
    await system.booted.processes.kill('transcoder')
    await system.booted.processes.start('transcoder')
    const second_ = await system.upload(bob, 'Second clip', clips.good)
    second = second_.body.data.id
    const video = await ready(first)
    await ready(second)
    expect(video.renditions).toEqual(['360p', '720p'])
    expect(video.readyTransitions).toBe(1)
    // The edge as browsers name it (compose says localhost; the suite reaches it as 127.0.0.1).
    expect(new URL(video.playbackUrl).pathname).toBe(`/videos/${first}/master.m3u8`)
    await sleep(500) // let a duplicate, if any, arrive
    expect((await system.call('GET', `/v1/videos/${first}`)).body.data.readyTransitions).toBe(1)
    const db = new pg.Client({ connectionString: system.booted.env.DATABASE_URL })
    await db.connect()
    try {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM nf_notifier.notifications WHERE video_id = $1', [
        first,
      ])
      expect(rows[0].n).toBe(1)
    } finally {
      await db.end()
    }
  }, 90_000)

  it('serves both renditions through the edge over HTTP/2, with ranges and cache headers', async () => {
    const { media, paths } = await walkVideo(edge, `/videos/${first}/master.m3u8`)
    expect(media).toEqual(['360p/index.m3u8', '720p/index.m3u8'])
    expect(paths.filter((p) => p.endsWith('.ts')).length).toBeGreaterThanOrEqual(4)
    const segment = paths.find((p) => p.includes('720p/') && p.endsWith('.ts'))!
    const whole = await edge.get(segment)
    expect(whole.status).toBe(200)
    expect(whole.headers['content-type']).toBe('video/mp2t')
    expect(whole.headers['cache-control']).toContain('immutable')
    expect(whole.headers['x-cache']).toBe('MISS') // walkVideo fetched the playlists only
    expect((await edge.get(segment)).headers['x-cache']).toBe('HIT')
    expect(whole.body[0]).toBe(0x47) // an MPEG-TS sync byte
    const part = await edge.get(segment, { range: 'bytes=0-187' })
    expect(part.status).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 0-187/${whole.body.length}`)
    expect(part.body.equals(whole.body.subarray(0, 188))).toBe(true)
  })

  it('absorbs 50 concurrent viewers at the edge: hit ratio ≥ 0.9, origin ≤ 1/10 of requests', async () => {
    const before = (await edge.get('/stats')).body
    const stats0 = JSON.parse(before.toString()).data
    const viewers = Array.from({ length: 50 }, () => new Http2Client(system.edge))
    try {
      await Promise.all(viewers.map((viewer) => walkVideo(viewer, `/videos/${second}/master.m3u8`)))
    } finally {
      for (const viewer of viewers) viewer.close()
    }
    const stats = JSON.parse((await edge.get('/stats')).body.toString()).data
    const requests = stats.requests - stats0.requests
    const hits = stats.hits - stats0.hits
    const origin = stats.originRequests - stats0.originRequests
    expect(hits / requests).toBeGreaterThanOrEqual(0.9)
    expect(origin).toBeLessThanOrEqual(requests / 10)
  })

  it('counts likes once per user, keeps comment HTML as text, pages comments, recommends co-views', async () => {
    for (const token of [alice, alice, bob])
      expect((await system.call('PUT', `/v1/videos/${first}/likes/me`, { token })).status).toBe(200)
    expect((await system.call('GET', `/v1/videos/${first}`)).body.data.likes).toBe(2)
    const html = '<img src=x onerror=alert(1)><b>hi</b>'
    for (const text of [html, 'two', 'three']) {
      expect((await system.call('POST', `/v1/videos/${first}/comments`, { token: bob, body: { text } })).status).toBe(
        201,
      )
    }
    const page1 = await system.call('GET', `/v1/videos/${first}/comments?limit=2`)
    expect(page1.body.data.map((c: { text: string }) => c.text)).toEqual(['three', 'two'])
    const page2 = await system.call('GET', `/v1/videos/${first}/comments?limit=2&before=${page1.body.meta.next}`)
    expect(page2.body.data.map((c: { text: string }) => c.text)).toEqual([html])
    for (const token of [alice, bob]) {
      for (const id of [first, second])
        expect((await system.call('POST', `/v1/videos/${id}/views`, { token })).status).toBe(202)
    }
    const recs = await system.call('GET', `/v1/videos/${first}/recommendations`)
    expect(recs.body.data).toEqual([expect.objectContaining({ id: second, coViews: 2 })])
  })

  it('refuses hostile input with a clear error, changes nothing, and stays up', async () => {
    const count = async () => (await system.call('GET', '/v1/me/videos', { token: alice })).body.data.length
    const before = await count()
    const notVideo = await system.upload(alice, 'fake', clips.notVideo)
    expect(notVideo.status).toBe(415)
    expect(notVideo.body.errors[0]?.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    expect((await system.upload(alice, 'cut', clips.truncated)).status).toBe(415)
    expect(await system.uploadStatus(alice, Buffer.alloc(9 * 1024 * 1024))).toBe(413)
    expect((await system.upload(undefined, 'anon', clips.good)).status).toBe(401)
    expect(
      (await system.upload('forged.1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'anon', clips.good)).status,
    ).toBe(401)
    expect((await system.call('PUT', `/v1/videos/${first}/likes/me`)).status).toBe(401)
    expect((await system.call('POST', `/v1/videos/${first}/comments`, { body: { text: 'x' } })).status).toBe(401)
    expect(
      (await system.call('POST', `/v1/videos/${first}/comments`, { token: bob, body: { text: 'x'.repeat(501) } }))
        .status,
    ).toBe(400)
    for (const path of [
      '/videos/../tls/edge.key.pem',
      `/videos/${first}/../../tls/origin.key.pem`,
      `/videos/${first}/%2e%2e/%2e%2e/tls/origin.key.pem`,
      `/videos/${first}/360p/..%2F..%2F..%2Ftls%2Forigin.key.pem`,
      '/etc/passwd',
    ]) {
      const answer = await edge.get(path)
      expect(answer.status, path).toBe(400)
    }
    const segment = `/videos/${first}/360p/seg_000.ts`
    for (const range of ['bytes=abc', 'bytes=0-1,4-5', 'bytes=99999999-', 'lines=0-1']) {
      expect((await edge.get(segment, { range })).status, range).toBe(416)
    }
    expect(await count()).toBe(before)
    expect((await system.call('GET', '/healthz')).status).toBe(200)
    expect((await edge.get('/healthz')).status).toBe(200)
    expect((await system.call('GET', `/v1/videos/${first}`)).body.data.likes).toBe(2)
  })

  it('carries one trace from the upload through every Kafka stage to the notification (wire view)', async () => {
    const { traceId, traceparent } = newTraceparent()
    const upload = await system.call('POST', '/v1/videos?title=traced', {
      token: alice,
      raw: clips.good,
      type: 'video/mp4',
      headers: { traceparent },
    })
    expect(upload.status).toBe(201)
    const chain = [
      is('http', 'SERVER', /POST \/v1\/videos/, /api/),
      is('kafka', 'PRODUCER', /netflix\.uploaded/, /api/),
      is('kafka', 'CONSUMER', /netflix\.uploaded/, /transcoder/),
      is('kafka', 'PRODUCER', /netflix\.transcoded/, /transcoder/),
      is('kafka', 'CONSUMER', /netflix\.transcoded/, /thumbnailer/),
      is('kafka', 'PRODUCER', /netflix\.thumbnailed/, /thumbnailer/),
      is('kafka', 'CONSUMER', /netflix\.thumbnailed/, /moderator/),
      is('kafka', 'PRODUCER', /netflix\.moderated/, /moderator/),
      is('kafka', 'CONSUMER', /netflix\.moderated/, /publisher/),
      is('kafka', 'PRODUCER', /netflix\.ready/, /publisher/),
      is('kafka', 'CONSUMER', /netflix\.ready/, /notifier/),
    ]
    const hops = await waitForTrace(
      system.booted.env.WIRE_COLLECTOR_URL!,
      traceId,
      (seen) => hopsInOrder(seen, chain),
      60_000,
    )
    expect(hops.find(chain[2]!)!.tags['messaging.kafka.message.key']).toBe(upload.body.data.id)

    // A miss at the edge: the viewer's request, the edge's fetch, the origin's answer, one trace.
    const viewing = newTraceparent()
    expect(
      (await edge.get(`/videos/${second}/thumb.jpg`, { traceparent: viewing.traceparent })).headers['x-cache'],
    ).toBe('MISS')
    const path = [
      is('http', 'SERVER', `GET /videos/${second}/thumb.jpg`, /edge/),
      is('http', 'CLIENT', `GET /videos/${second}/thumb.jpg`, /edge/),
      is('http', 'SERVER', `GET /videos/${second}/thumb.jpg`, /origin/),
    ]
    await waitForTrace(system.booted.env.WIRE_COLLECTOR_URL!, viewing.traceId, (seen) => hopsInOrder(seen, path))
  }, 90_000)

  it('plays in Chromium through the edge, both renditions forced; the studio uploads a clip', async () => {
    const browser = await launchChromium()
    try {
      const context = await browser.newContext({ ignoreHTTPSErrors: true })
      const page = await context.newPage()
      const fetched = new Set<string>()
      page.on('request', (request) => {
        const match = /\/(360p|720p)\/seg_\d+\.ts$/.exec(request.url())
        if (match) fetched.add(match[1]!)
      })
      await page.goto(`${system.api}/?v=${first}`)
      await page.waitForFunction(() => (window as unknown as { netflixReady?: boolean }).netflixReady === true)
      for (const [index, height] of [
        [1, '720'],
        [0, '360'],
      ] as const) {
        await page.selectOption('#rendition', String(index))
        await page.waitForFunction((h) => document.body.dataset.level === h, height, { timeout: 20_000 })
      }
      await page.waitForFunction(
        () => (document.getElementById('player') as HTMLVideoElement).currentTime > 0.5,
        undefined,
        {
          timeout: 20_000,
        },
      )
      expect([...fetched].sort()).toEqual(['360p', '720p'])
      expect(await page.textContent('#comments')).toContain('<img src=x onerror=alert(1)><b>hi</b>')
      expect(await page.locator('#comments img').count()).toBe(0)

      const studio = await context.newPage()
      await studio.goto(`${system.api}/studio.html`)
      await studio.fill('#name', `carol-${mode}`)
      await studio.click('#sign-in button')
      await studio.waitForFunction(() => document.getElementById('who')?.textContent?.includes('carol'))
      await studio.fill('#title', 'From the studio')
      await studio.setInputFiles('#file', { name: 'clip.mp4', mimeType: 'video/mp4', buffer: clips.good })
      await studio.click('#upload button')
      await studio.waitForSelector('#mine li[data-state="ready"]', { timeout: 60_000 })
      await context.close()
    } finally {
      await browser.close()
    }
  }, 120_000)
})
