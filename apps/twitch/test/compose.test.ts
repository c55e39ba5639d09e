import { randomBytes } from 'node:crypto'
import { waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStream, type TestStream } from '../src/shared/test-stream'
import { bootTwitch, type RunningTwitch } from './support/boot'
import { ChatClient, type ChatFrame } from './support/chat-client'
import { Http2Client, segmentUris } from './support/video-h2'

interface StreamInfo {
  channel: string
  live: boolean
  streamId?: string
  endedAt?: string
  playbackUrl?: string
  chatUrls: string[]
}

/**
 * The compose pass's smoke subset: CI runs this file against the `twitch` profile (one container
 * per service, the ingest's RTMP port and the edge, api and chat servers published on loopback,
 * a 3-second idle timeout from compose.test.yml). The full suite (video, clips, chat, api, hostile
 * inputs, browser) covers the same paths embedded and on native infra, so vitest.config.ts leaves
 * this file out unless the pass is compose. Everything here goes through the addresses the api
 * hands out, as OBS, a page and a player would use them.
 */
describe('twitch smoke (compose)', () => {
  let system: RunningTwitch
  const publishers: TestStream[] = []
  const sockets: ChatClient[] = []
  const clients: Http2Client[] = []

  const signUp = async () => {
    const name = `smoke_${randomBytes(3).toString('hex')}`
    const reply = await system.request<{ name: string; token: string }>('POST', '/api/users', { body: { name } })
    expect(reply.status).toBe(201)
    return reply.body.data!
  }
  const auth = (token: string) => ({ authorization: `Bearer ${token}` })
  const info = async (channel: string) =>
    (await system.request<StreamInfo>('GET', `/api/streams/${channel}`)).body.data!

  beforeAll(async () => {
    system = await bootTwitch('compose')
  })
  afterAll(async () => {
    for (const publisher of publishers) await publisher.kill()
    for (const socket of sockets) await socket.close()
    for (const client of clients) client.close()
    await system?.stop()
  })

  it('refuses a wrong stream key: the publish is dropped and the channel never goes live', async () => {
    const mallory = await signUp()
    const { rtmpUrl, streamKey } = (
      await system.request<{ rtmpUrl: string; streamKey: string }>('POST', '/api/streams', {
        headers: auth(mallory.token),
      })
    ).body.data!
    const forged = `${streamKey.slice(0, -4)}AAAA`
    const publisher = await startTestStream({ url: `${rtmpUrl}/${forged}`, seconds: 5 })
    publishers.push(publisher)
    expect(await publisher.exited).not.toBe(0)
    expect((await info(mallory.name)).live).toBe(false)
  }, 30_000)

  it('goes live over RTMP, plays through the edge over HTTP/2, chats across both servers, clips, stops, and keeps the VOD', async () => {
    const streamer = await signUp()
    const viewer = await signUp()
    const { rtmpUrl, streamKey } = (
      await system.request<{ rtmpUrl: string; streamKey: string }>('POST', '/api/streams', {
        headers: auth(streamer.token),
      })
    ).body.data!
    const publisher = await startTestStream({ url: `${rtmpUrl}/${streamKey}` })
    publishers.push(publisher)
    await waitFor(async () => (await info(streamer.name)).live, { what: 'live from the ingest', timeoutMs: 40_000 })
    const live = await info(streamer.name)

    // Live HLS through the edge: master → both renditions → a segment.
    const playback = new URL(live.playbackUrl!)
    const edge = new Http2Client(playback.origin)
    clients.push(edge)
    const master = await edge.text(playback.pathname)
    expect(master).toContain('360p/index.m3u8')
    expect(master).toContain('180p/index.m3u8')
    const base = playback.pathname.replace(/master\.m3u8$/, '')
    const playlist = await edge.text(`${base}360p/index.m3u8`)
    expect(playlist).toContain('#EXT-X-PROGRAM-DATE-TIME')
    const [first] = segmentUris(playlist)
    const segment = await edge.get(`${base}360p/${first}`)
    expect(segment.status).toBe(200)
    expect(segment.body[0]).toBe(0x47) // an MPEG-TS sync byte
    expect((await edge.get(`${base}../../tls/edge.key.pem`)).status).toBe(404)

    // Chat: the streamer on one server, the viewer on the other; markup stays text.
    expect(live.chatUrls).toHaveLength(2)
    const owner = await ChatClient.connect(live.chatUrls[0]!, { channel: streamer.name, token: streamer.token })
    const guest = await ChatClient.connect(live.chatUrls[1]!, {
      channel: streamer.name,
      token: viewer.token,
      via: 'subprotocol',
    })
    sockets.push(owner, guest)
    expect(owner.frames[0]).toMatchObject({ type: 'welcome', server: 'chat-a' })
    expect(guest.frames[0]).toMatchObject({ type: 'welcome', server: 'chat-b' })
    const ack = await guest.say('<script>alert(1)</script> :Kappa:')
    expect(ack.type).toBe('ack')
    const heard = await owner.next((frame: ChatFrame) => frame.type === 'message' && frame.id === ack.id)
    expect(heard.parts).toEqual([
      { type: 'text', text: '<script>alert(1)</script> ' },
      { type: 'emote', name: 'Kappa' },
    ])
    expect((await guest.say('x'.repeat(10_000))).type).toBe('error')

    // A clip of what has been streamed so far: a job over Kafka, ffmpeg in the clipper, served by the edge.
    const requested = await system.request<{ clipId: string }>('POST', `/api/streams/${streamer.name}/clips`, {
      headers: { ...auth(viewer.token), 'idempotency-key': `smoke-${streamer.name}` },
    })
    expect(requested.status).toBe(202)
    const clipId = requested.body.data!.clipId
    const clip = async () =>
      (await system.request<{ status: string; url?: string; error?: string }>('GET', `/api/clips/${clipId}`)).body.data!
    await waitFor(async () => (await clip()).status !== 'pending', { what: 'the clipper', timeoutMs: 30_000 })
    const done = await clip()
    expect(done, done.error).toMatchObject({ status: 'ready' })
    const clipUrl = new URL(done.url!)
    const cut = await edge.get(clipUrl.pathname)
    expect(cut.status).toBe(200)
    expect(cut.body.length).toBeGreaterThan(10_000)

    // Stop over REST (through the ingest): the stream ends and the same URLs are now the VOD.
    const stop = await system.request('DELETE', `/api/streams/${streamer.name}`, { headers: auth(streamer.token) })
    expect(stop.status).toBe(202)
    await waitFor(async () => !(await info(streamer.name)).live, { what: 'StreamEnded', timeoutMs: 20_000 })
    expect(await info(streamer.name)).toMatchObject({ streamId: live.streamId, endedAt: expect.any(String) })
    // The edge may hold the last live playlist for up to a second.
    await waitFor(async () => (await edge.text(`${base}360p/index.m3u8`)).includes('#EXT-X-ENDLIST'), {
      what: 'the VOD playlist',
      timeoutMs: 5_000,
    })
  }, 120_000)
})
