import { execFileSync } from 'node:child_process'
import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bootTwitch, type RunningTwitch } from './support/boot'
import { ChatClient, type ChatFrame } from './support/chat-client'
import { Http2Client } from './support/video-h2'

interface LiveList {
  streams: Array<{ channel: string; streamId: string; playbackUrl: string }>
}

/**
 * The simulator from outside: booted with the scenario (its own process on real infra), it signs
 * up a `demo` streamer that publishes ffmpeg's test pattern over RTMP and chatters that talk on
 * both chat servers. A viewer of ours sees the stream in the live list, plays it through the edge,
 * and hears the chatters; when the system stops, no ffmpeg of the simulator is left.
 */
describe.each(runModes())('twitch simulator (%s)', (mode) => {
  let system: RunningTwitch | undefined
  let edge: Http2Client | undefined
  let listener: ChatClient | undefined

  beforeAll(async () => {
    system = await bootTwitch(mode, { env: { SIM_STREAMS: '1', SIM_CHATTERS: '4', SIM_CHAT_EVERY_MS: '300' } })
  })
  afterAll(async () => {
    await listener?.close()
    edge?.close()
    await system?.stop()
  })

  it('streams the demo channel live and fills its chat from both chat servers', async () => {
    const system = booted()
    const { streams } = await waitFor(
      async () => {
        const list = (await system.request<LiveList>('GET', '/api/streams/live')).body.data!
        return list.streams.some((s) => s.channel.startsWith('demo')) ? list : undefined
      },
      { what: 'the simulated stream live', timeoutMs: 40_000, intervalMs: 250 },
    )
    const demo = streams.find((s) => s.channel.startsWith('demo'))!
    const playback = new URL(demo.playbackUrl)
    edge = new Http2Client(playback.origin)
    expect(await edge.text(playback.pathname)).toContain('360p/index.m3u8')

    // An anonymous viewer on each server: the chatters spread over both, and Redis carries every line to both.
    listener = await ChatClient.connect(system.chatUrls[0]!, { channel: demo.channel })
    const other = await ChatClient.connect(system.chatUrls[1]!, { channel: demo.channel })
    try {
      const fromChatters = (frame: ChatFrame) => frame.type === 'message' && String(frame.user).startsWith('viewer_')
      await waitFor(() => new Set(listener!.frames.filter(fromChatters).map((f) => f.user)).size >= 2, {
        what: 'two chatters heard',
        timeoutMs: 20_000,
        intervalMs: 100,
      })
      const heardOnA = listener.frames.filter(fromChatters).map((f) => f.id)
      await waitFor(() => heardOnA.every((id) => other.frames.some((f) => f.id === id)), {
        what: 'the same lines on the other server',
        timeoutMs: 5_000,
        intervalMs: 100,
      })
    } finally {
      await other.close()
    }
  }, 90_000)

  it('leaves no ffmpeg of its own once the system stops', async () => {
    const rtmpUrl = booted().rtmpUrl
    expect(ffmpegsPublishingTo(rtmpUrl)).not.toEqual([])
    const stopping = system!
    system = undefined
    await stopping.stop()
    expect(ffmpegsPublishingTo(rtmpUrl)).toEqual([])
  }, 60_000)

  const booted = () => {
    if (!system) throw new Error('the system is not running')
    return system
  }
})

/** Command lines of the ffmpeg processes publishing to this run's ingest (its port is this run's own). */
function ffmpegsPublishingTo(rtmpUrl: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.startsWith('ffmpeg') && line.includes(rtmpUrl))
}
