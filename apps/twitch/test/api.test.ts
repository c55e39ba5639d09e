import { decodeEvent } from '@wired/events'
import { runModes, sleep, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { streamKeys } from '../src/shared/stream-key'
import { startTestStream } from '../src/shared/test-stream'
import { ClipFinishedEvent, ClipRequestedEvent, StreamEndedEvent, StreamStartedEvent } from '../src/shared/topics'
import { bootChatSystem, type RunningChat, uniqueName } from './support/chat-system'

interface StreamInfo {
  channel: string
  live: boolean
  streamId?: string
  startedAt?: string
  endedAt?: string
  viewers: number
  playbackUrl?: string
  chatUrls: string[]
}
interface LiveList {
  streams: Array<{ channel: string; streamId: string; startedAt: string; viewers: number; playbackUrl: string }>
}

describe.each(runModes())('the REST api (%s)', (mode) => {
  let system: RunningChat
  beforeAll(async () => {
    system = await bootChatSystem(mode)
  })
  afterAll(async () => {
    await system?.stop()
  })

  const info = async (channel: string) =>
    (await system.request<StreamInfo>('GET', `/api/streams/${channel}`)).body.data!
  const liveList = async () => (await system.request<LiveList>('GET', '/api/streams/live')).body.data!.streams
  const streamId = () => `s_${uniqueName('x').slice(2, 14).padEnd(12, 'A')}`
  /** Announces a stream on twitch.stream-events as the ingest does, and waits until the api shows it. */
  async function goLive(channel: string) {
    const id = streamId()
    const startedAtMs = Date.now() - 1_000
    await system.publish(system.topics.streamEvents, StreamStartedEvent, {
      channel,
      streamId: id,
      startedAtMs,
      renditions: ['360p', '180p'],
    })
    await waitFor(async () => (await info(channel)).live, { what: `${channel} live`, timeoutMs: 15_000 })
    return { id, startedAtMs }
  }

  it('signs a user up with a token, once per name', async () => {
    const name = uniqueName('ada')
    const reply = await system.request<{ userId: string; name: string; token: string }>('POST', '/api/users', {
      body: { name },
    })
    expect(reply.status).toBe(201)
    expect(reply.body.data).toEqual({ userId: expect.stringMatching(/^u_/), name, token: expect.any(String) })
    const again = await system.request('POST', '/api/users', { body: { name } })
    expect(again).toMatchObject({ status: 409, body: { errors: [{ code: 'ALREADY_EXISTS' }] } })
  })

  it('gives a streamer the RTMP url and the stream key of their own channel, which the ingest will accept', async () => {
    const ada = await system.signUp()
    const reply = await system.request<{ channel: string; rtmpUrl: string; streamKey: string }>(
      'POST',
      '/api/streams',
      {
        headers: system.auth(ada.token),
      },
    )
    expect(reply.status).toBe(200)
    expect(reply.body.data).toMatchObject({ channel: ada.name, rtmpUrl: system.rtmpUrl })
    expect(streamKeys(system.env.GRPC_SECRET!).verify(reply.body.data!.streamKey)).toBe(ada.name)
    expect((await system.request('POST', '/api/streams')).status).toBe(401)
  })

  it('lists a stream live after StreamStarted and keeps its VOD after StreamEnded, idempotently', async () => {
    const ada = await system.signUp()
    expect(await info(ada.name)).toEqual({ channel: ada.name, live: false, viewers: 0, chatUrls: system.chatUrls })
    const { id, startedAtMs } = await goLive(ada.name)
    const playbackUrl = `${system.edgeUrl}/streams/${id}/master.m3u8`
    expect(await info(ada.name)).toMatchObject({
      live: true,
      streamId: id,
      playbackUrl,
      startedAt: new Date(startedAtMs).toISOString(),
    })
    expect((await liveList()).find((stream) => stream.channel === ada.name)).toEqual({
      channel: ada.name,
      streamId: id,
      startedAt: new Date(startedAtMs).toISOString(),
      viewers: 0,
      playbackUrl,
    })

    await system.publish(system.topics.streamEvents, StreamEndedEvent, {
      channel: ada.name,
      streamId: id,
      endedAtMs: Date.now(),
      reason: 'closed',
    })
    await waitFor(async () => !(await info(ada.name)).live, { what: 'ended', timeoutMs: 15_000 })
    expect(await info(ada.name)).toMatchObject({ streamId: id, playbackUrl, endedAt: expect.any(String) })
    expect((await liveList()).some((stream) => stream.channel === ada.name)).toBe(false)
    // A redelivered StreamStarted (Kafka is at-least-once) does not bring it back to life.
    await system.publish(system.topics.streamEvents, StreamStartedEvent, {
      channel: ada.name,
      streamId: id,
      startedAtMs,
      renditions: [],
    })
    const marker = await system.signUp()
    await goLive(marker.name) // same topic, later: once it shows, the redelivery was handled
    expect((await info(ada.name)).live).toBe(false)
  })

  it('stops a stream only for its owner, through the ingest (409 when the ingest has nothing live)', async () => {
    const ada = await system.signUp()
    const bob = await system.signUp()
    await goLive(ada.name)
    const foreign = await system.request('DELETE', `/api/streams/${ada.name}`, { headers: system.auth(bob.token) })
    expect(foreign).toMatchObject({ status: 403, body: { errors: [{ code: 'PERMISSION_DENIED' }] } })
    // The event came from this test, not from a publish: the ingest knows of no live stream.
    const own = await system.request('DELETE', `/api/streams/${ada.name}`, { headers: system.auth(ada.token) })
    expect(own).toMatchObject({ status: 409, body: { errors: [{ code: 'CONFLICT' }] } })
    expect((await info(ada.name)).live).toBe(true)
  })

  it('clips: POST publishes ClipRequested for the live stream, the clipper answers, a ClipFinished ready makes it ready', async () => {
    const jobs = await system.record(system.topics.clipJobs)
    const ada = await system.signUp()
    const viewer = await system.signUp()
    const notLive = await system.request('POST', `/api/streams/${ada.name}/clips`, {
      headers: system.auth(viewer.token),
    })
    expect(notLive).toMatchObject({ status: 409, body: { errors: [{ code: 'CONFLICT' }] } })
    const { id } = await goLive(ada.name)

    const reply = await system.request<{ clipId: string; status: string }>('POST', `/api/streams/${ada.name}/clips`, {
      headers: { ...system.auth(viewer.token), 'idempotency-key': 'clip-1' },
      body: {},
    })
    expect(reply).toMatchObject({
      status: 202,
      body: { data: { clipId: expect.stringMatching(/^c_/), status: 'pending' } },
    })
    const clipId = reply.body.data!.clipId
    const job = await waitFor(
      () => jobs.map((record) => decodeEvent(ClipRequestedEvent, record)).find((event) => event.clipId === clipId),
      { what: 'the clip job on Kafka', timeoutMs: 20_000 },
    )
    expect(job).toMatchObject({ channel: ada.name, streamId: id, requestedBy: viewer.name, seconds: 30 })
    // A retried request with the same key gets the same clip, and no second job.
    const replay = await system.request<{ clipId: string }>('POST', `/api/streams/${ada.name}/clips`, {
      headers: { ...system.auth(viewer.token), 'idempotency-key': 'clip-1' },
      body: {},
    })
    expect(replay.body.data?.clipId).toBe(clipId)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')

    const clip = async () => (await system.request<Record<string, unknown>>('GET', `/api/clips/${clipId}`)).body.data!
    // The clipper (running) takes the job and, with no video for a stream this test only
    // announced, answers failed on twitch.clip-results: the whole round trip, for real.
    await waitFor(async () => (await clip()).status === 'failed', { what: 'the clipper’s answer', timeoutMs: 20_000 })
    expect(await clip()).toEqual({ clipId, channel: ada.name, status: 'failed', error: expect.stringContaining(id) })
    // A ClipFinished saying ready (a job run again once the stream had video) makes it ready, with its url.
    const result = {
      clipId,
      channel: ada.name,
      status: 'ready',
      path: `clips/${clipId}.mp4`,
      durationMs: 30_000,
      error: '',
    }
    await system.publish(system.topics.clipResults, ClipFinishedEvent, result)
    await waitFor(async () => (await clip()).status === 'ready', { what: 'clip ready', timeoutMs: 15_000 })
    expect(await clip()).toEqual({
      clipId,
      channel: ada.name,
      status: 'ready',
      url: `${system.edgeUrl}/clips/${clipId}.mp4`,
      durationMs: 30_000,
    })
    // A late failure (a redelivered old answer) does not undo it.
    await system.publish(system.topics.clipResults, ClipFinishedEvent, { ...result, status: 'failed', error: 'late' })
    await sleep(1_000)
    expect((await clip()).status).toBe('ready')
    expect(jobs.filter((record) => decodeEvent(ClipRequestedEvent, record).clipId === clipId)).toHaveLength(1)
  })

  it('end to end: a real RTMP publish goes live, DELETE stops it through the ingest, its VOD stays', async () => {
    const ada = await system.signUp()
    const { rtmpUrl, streamKey } = (
      await system.request<{ rtmpUrl: string; streamKey: string }>('POST', '/api/streams', {
        headers: system.auth(ada.token),
      })
    ).body.data!
    const stream = await startTestStream({ url: `${rtmpUrl}/${streamKey}` })
    try {
      await waitFor(async () => (await info(ada.name)).live, { what: 'live from the ingest', timeoutMs: 30_000 })
      const live = await info(ada.name)
      expect(live.playbackUrl).toBe(`${system.edgeUrl}/streams/${live.streamId}/master.m3u8`)
      const stop = await system.request('DELETE', `/api/streams/${ada.name}`, { headers: system.auth(ada.token) })
      expect(stop.status).toBe(202)
      await waitFor(async () => !(await info(ada.name)).live, { what: 'StreamEnded', timeoutMs: 15_000 })
      expect(await info(ada.name)).toMatchObject({ streamId: live.streamId, endedAt: expect.any(String) })
    } finally {
      await stream.kill()
    }
  }, 60_000)

  it('counts chat messages per minute for the channel (analytics, from twitch.chat-messages)', async () => {
    const ada = await system.signUp()
    const socket = await system.chat(0, { channel: ada.name, token: ada.token })
    for (const text of ['one', 'two', 'three']) expect((await socket.say(text)).type).toBe('ack')
    const perMinute = async () =>
      (await system.request<{ perMinute: Array<{ messages: number }> }>('GET', `/api/streams/${ada.name}/analytics`))
        .body.data!.perMinute
    await waitFor(async () => (await perMinute()).reduce((sum, row) => sum + row.messages, 0) === 3, {
      what: '3 messages counted',
      timeoutMs: 10_000,
    })
  })
})
