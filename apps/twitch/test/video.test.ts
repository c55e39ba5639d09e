import { runModes, sleep, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { segmentSeconds, segmentUris } from './support/video-h2'
import { bootVideo, newChannel, type RunningVideo } from './support/video-system'

/**
 * Live video from outside: a real ffmpeg publishes over RTMP to the ingest (node-media-server,
 * stream-key check), the ingest's ffmpeg cuts live HLS, viewers fetch it over HTTP/2 + TLS
 * through the edge cache; Kafka says when streams start and end. The hostile side: wrong keys,
 * a second publisher, a publisher killed -9 mid-stream, traversal paths at the edge.
 * INGEST_IDLE_TIMEOUT_MS is 2 s here (default 5 s).
 */
describe.each(runModes())('twitch video (%s)', (mode) => {
  let system: RunningVideo
  const alice = newChannel('alice')
  let streamId: string

  const playlist = (path: string) => system.edge.text(path)

  beforeAll(async () => {
    system = await bootVideo(mode)
  })
  afterAll(async () => {
    await system?.stop()
  })

  it('plays a publish with the right key live through the edge: two renditions, ~1 s segments', async () => {
    const started = Date.now()
    await system.publish(system.keys.issue(alice))
    const event = await system.started(alice)
    streamId = event.streamId
    expect(streamId).toMatch(/^s_[A-Za-z0-9_-]{12}$/)
    expect(event.renditions).toEqual(['360p', '180p'])
    expect(event.startedAtMs).toBeGreaterThanOrEqual(started - 1_000)

    const master = await system.edge.get(`/streams/${streamId}/master.m3u8`)
    expect(master.status).toBe(200)
    expect(master.headers['content-type']).toBe('application/vnd.apple.mpegurl')
    const variants = master.body
      .toString()
      .split('\n')
      .filter((line) => line.endsWith('.m3u8'))
    expect(variants).toEqual(['360p/index.m3u8', '180p/index.m3u8'])
    expect(master.body.toString()).toContain('RESOLUTION=640x360')

    for (const rendition of ['360p', '180p']) {
      const path = `/streams/${streamId}/${rendition}/index.m3u8`
      const live = await waitFor(
        async () => {
          const text = await playlist(path)
          return segmentUris(text).length >= 3 ? text : undefined
        },
        { timeoutMs: 15_000, intervalMs: 300, what: `3 segments of ${rendition}` },
      )
      expect(live).toContain('#EXT-X-PROGRAM-DATE-TIME:')
      expect(live).not.toContain('#EXT-X-ENDLIST')
      for (const seconds of segmentSeconds(live).slice(0, -1)) {
        expect(seconds).toBeGreaterThan(0.5)
        expect(seconds).toBeLessThan(1.6)
      }
      const segment = await system.edge.get(`/streams/${streamId}/${rendition}/${segmentUris(live)[0]}`)
      expect(segment.status).toBe(200)
      expect(segment.headers['content-type']).toBe('video/mp2t')
      expect(segment.body[0]).toBe(0x47) // an MPEG-TS sync byte
    }
    const listed = await system.control('GET', '/streams')
    expect(listed.body.data!.streams).toContainEqual(
      expect.objectContaining({ channel: alice, streamId, playable: true }),
    )
  }, 60_000)

  it('keeps a live playlist at the edge for one second and a segment for good', async () => {
    const path = `/streams/${streamId}/360p/index.m3u8`
    await sleep(1_100) // whatever the edge holds is now stale
    const first = await system.edge.get(path)
    expect(first.headers['x-cache']).toBe('MISS')
    expect(first.headers['cache-control']).toBe('public, max-age=1')
    const second = await system.edge.get(path)
    expect(second.headers['x-cache']).toBe('HIT')
    expect(second.body.equals(first.body)).toBe(true)
    await sleep(2_100) // two new segments at least
    const third = await system.edge.get(path)
    expect(third.headers['x-cache']).toBe('MISS')
    expect(segmentUris(third.body.toString()).length).toBeGreaterThan(segmentUris(first.body.toString()).length)

    const segment = `/streams/${streamId}/360p/${segmentUris(third.body.toString()).at(-1)}`
    const miss = await system.edge.get(segment)
    const hit = await system.edge.get(segment)
    expect(miss.headers['cache-control']).toContain('immutable')
    expect(hit.headers['x-cache']).toBe('HIT')
    expect(hit.body.equals(miss.body)).toBe(true)
  }, 20_000)

  it('refuses a wrong or malformed stream key and writes nothing', async () => {
    const dirs = system.streamDirs()
    const forged = `live_${alice}_${'A'.repeat(43)}`
    const bob = newChannel('bob')
    const otherKey = system.keys.issue(bob).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    for (const key of [forged, otherKey, 'not-a-key']) {
      const publisher = await system.publish(key, { seconds: 20 })
      const code = await Promise.race([publisher.exited, sleep(10_000).then(() => 'still running')])
      expect(code, key).not.toBe('still running')
      expect(code, key).not.toBe(0)
    }
    expect(system.streamDirs()).toEqual(dirs)
    expect(system.seen.started.filter((event) => event.channel === bob)).toEqual([])
    const live = (await system.control('GET', '/streams')).body.data!.streams
    expect(live.filter((stream: { channel: string }) => stream.channel === alice)).toHaveLength(1)
  }, 40_000)

  it('refuses a second publisher on a live channel and leaves the first one streaming', async () => {
    const before = segmentUris(await system.edge.text(`/streams/${streamId}/180p/index.m3u8`)).length
    const second = await system.publish(system.keys.issue(alice), { seconds: 20 })
    const code = await Promise.race([second.exited, sleep(10_000).then(() => 'still running')])
    expect(code).not.toBe('still running')
    await sleep(2_100)
    const after = segmentUris(await system.edge.text(`/streams/${streamId}/180p/index.m3u8`)).length
    expect(after).toBeGreaterThan(before)
    const live = (await system.control('GET', '/streams')).body.data!.streams
    expect(live.filter((stream: { channel: string }) => stream.channel === alice)).toEqual([
      expect.objectContaining({ streamId }),
    ])
    expect(system.seen.started.filter((event) => event.channel === alice)).toHaveLength(1)
  }, 30_000)

  it('ends a stream stopped over the ingest control: StreamEnded(stopped), ENDLIST, the VOD plays', async () => {
    expect((await system.control('POST', '/streams/Not_A_Channel/stop')).status).toBe(400)
    expect((await system.control('POST', `/streams/${newChannel('nobody')}/stop`)).status).toBe(404)
    const stopped = await system.control('POST', `/streams/${alice}/stop`)
    expect(stopped.status).toBe(200)
    expect(stopped.body.data).toEqual({ channel: alice, streamId, reason: 'stopped' })
    const ended = await system.ended(streamId)
    expect(ended).toMatchObject({ channel: alice, reason: 'stopped' })
    await expectWholeVod(system, streamId)
    expect((await system.control('GET', '/streams')).body.data!.streams).not.toContainEqual(
      expect.objectContaining({ channel: alice }),
    )
  }, 30_000)

  it('ends a stream whose publisher was killed -9 after the idle timeout: StreamEnded(timeout), whole VOD', async () => {
    const carol = newChannel('carol')
    const publisher = await system.publish(system.keys.issue(carol))
    const { streamId: id } = await system.started(carol)
    await waitFor(async () => segmentUris(await playlist(`/streams/${id}/360p/index.m3u8`)).length >= 2, {
      timeoutMs: 10_000,
      intervalMs: 300,
    })
    await publisher.kill()
    const killedAt = Date.now()
    const ended = await system.ended(id)
    expect(ended.reason).toBe('timeout')
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(1_500) // the 2 s idle timeout, less the poll step
    await expectWholeVod(system, id)
  }, 40_000)

  it('ends a stream at once when its publisher closes cleanly: StreamEnded(closed)', async () => {
    const dave = newChannel('dave')
    const publisher = await system.publish(system.keys.issue(dave), { seconds: 6 })
    const { streamId: id } = await system.started(dave)
    expect(await publisher.exited).toBe(0)
    const closedAt = Date.now()
    const ended = await system.ended(id)
    expect(ended.reason).toBe('closed')
    expect(Date.now() - closedAt).toBeLessThan(2_000)
    await expectWholeVod(system, id)
  }, 40_000)

  it('answers 404 to traversal and non-media paths at the edge, without asking the origin', async () => {
    const stats = async () => JSON.parse((await system.edge.get('/stats')).body.toString()).data
    const before = await stats()
    for (const path of [
      '/streams/../tls/edge.key.pem',
      `/streams/${streamId}/../../tls/origin.key.pem`,
      `/streams/${streamId}/%2e%2e/%2e%2e/tls/origin.key.pem`,
      `/streams/${streamId}/360p/..%2F..%2F..%2Ftls%2Forigin.key.pem`,
      `/streams/${streamId}/360p/index.m3u8.tmp`,
      '/clips/..%2Ftls%2Fedge.key.pem',
      '/tls/edge.key.pem',
      '/etc/passwd',
      '/%zz',
    ]) {
      const answer = await system.edge.get(path)
      expect(answer.status, path).toBe(404)
      expect(JSON.parse(answer.body.toString()).errors[0].code, path).toBe('NOT_FOUND')
    }
    expect((await stats()).originRequests).toBe(before.originRequests)
    expect((await system.edge.get('/healthz')).status).toBe(200)
    expect((await system.edge.get(`/streams/${streamId}/master.m3u8`)).status).toBe(200)
  })
})

/** Both renditions closed with ENDLIST, cached as immutable, and every segment served by the edge. */
async function expectWholeVod(system: RunningVideo, streamId: string) {
  for (const rendition of ['360p', '180p']) {
    const path = `/streams/${streamId}/${rendition}/index.m3u8`
    // The edge may still hold the last live copy for up to a second.
    const vod = await waitFor(
      async () => {
        const answer = await system.edge.get(path)
        return answer.body.toString().includes('#EXT-X-ENDLIST') ? answer : undefined
      },
      { timeoutMs: 3_000, intervalMs: 200, what: `ENDLIST in ${rendition}` },
    )
    expect(vod.headers['cache-control']).toContain('immutable')
    const uris = segmentUris(vod.body.toString())
    expect(uris.length).toBeGreaterThanOrEqual(2)
    expect(uris[0]).toBe('0.ts') // the whole stream, from its first segment
    for (const uri of uris) {
      expect((await system.edge.get(`/streams/${streamId}/${rendition}/${uri}`)).status, uri).toBe(200)
    }
  }
}
