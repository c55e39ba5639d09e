import { silentLogger } from '@wired/runtime'
import { describe, expect, it } from 'vitest'
import { streamKeys } from '../../shared/stream-key'
import type { HlsPackager } from '../adapters/hls-packager'
import type { PublisherConnection } from '../adapters/rtmp-server'
import type { StreamEventsPublisher } from '../adapters/stream-events.publisher'
import { LiveStreams } from './live-streams'

const keys = streamKeys('a-shared-secret-of-at-least-32-characters')

function fakePublisher(streamKey: string) {
  const state = { bytes: 0, disconnected: false, unpublished: false, closed: false }
  const connection: PublisherConnection = {
    streamKey,
    bytesIn: () => state.bytes,
    get disconnected() {
      return state.disconnected
    },
    get unpublished() {
      return state.unpublished
    },
    close: () => {
      state.closed = true
      state.disconnected = true
    },
  }
  return { connection, state }
}

function setup() {
  const log: string[] = []
  const streams = new LiveStreams({
    keys,
    mediaDir: '/media',
    idleTimeoutMs: 2_000,
    playbackUrlOf: (key) => `rtmp://127.0.0.1/live/${key}`,
    startPackager: async (_input, outDir): Promise<HlsPackager> => {
      log.push(`packager ${outDir.replace(/s_[\w-]{12}$/, 's_<id>')}`)
      let exit = () => {}
      const exited = new Promise<void>((resolve) => {
        exit = resolve
      })
      return {
        playable: Promise.resolve(),
        exited,
        stop: async () => {
          log.push('packager stopped')
          exit()
        },
      }
    },
    endPlayback: (key: string) => void log.push(`playback ended ${key.split('_')[1]}`),
    events: {
      started: async (channel: string) => void log.push(`started ${channel}`),
      ended: async (channel: string, _id: string, _at: number, reason: string) =>
        void log.push(`ended ${channel} ${reason}`),
    } as unknown as StreamEventsPublisher,
    logger: silentLogger,
  })
  return { streams, log }
}

describe('live streams', () => {
  it('admits the right key once per channel and refuses the rest', async () => {
    const { streams, log } = setup()
    const first = fakePublisher(keys.issue('alice'))
    expect(streams.admit(first.connection)).toBe(true)
    await streams.begin(first.connection)
    expect(log).toEqual(['packager /media/streams/s_<id>', 'started alice'])
    expect(streams.admit(fakePublisher(keys.issue('alice')).connection)).toBe(false)
    expect(streams.admit(fakePublisher(`live_bob_${'A'.repeat(43)}`).connection)).toBe(false)
    expect(streams.admit(fakePublisher('nonsense').connection)).toBe(false)
    expect(streams.list()).toEqual([expect.objectContaining({ channel: 'alice', playable: true })])
  })

  it('ends on silence after the idle timeout, on a goodbye at once, and stops the packager first', async () => {
    const { streams, log } = setup()
    const quiet = fakePublisher(keys.issue('quiet'))
    const polite = fakePublisher(keys.issue('polite'))
    await streams.begin(quiet.connection)
    await streams.begin(polite.connection)
    const t0 = Date.now()
    quiet.state.bytes = 100
    polite.state.bytes = 100
    streams.watch(t0)
    quiet.state.disconnected = true // kill -9: gone without a goodbye
    polite.state.unpublished = true
    polite.state.disconnected = true
    streams.watch(t0 + 500)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(log.slice(-3)).toEqual(['playback ended polite', 'packager stopped', 'ended polite closed'])
    streams.watch(t0 + 1_999)
    expect(streams.list().map((s) => s.channel)).toEqual(['quiet'])
    streams.watch(t0 + 2_000)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(log.slice(-3)).toEqual(['playback ended quiet', 'packager stopped', 'ended quiet timeout'])
    expect(streams.list()).toEqual([])
  })

  it('stops a stream on request and says so once', async () => {
    const { streams, log } = setup()
    const publisher = fakePublisher(keys.issue('carol'))
    await streams.begin(publisher.connection)
    expect(await streams.end('carol', 'stopped')).toBe(true)
    expect(publisher.state.closed).toBe(true)
    expect(await streams.end('carol', 'stopped')).toBe(false)
    expect(log.filter((line) => line.startsWith('ended'))).toEqual(['ended carol stopped'])
  })
})
