import { randomBytes } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createKafkaEventLog, decodeEvent, EVENT_TYPE_HEADER, type EventLog, encodeEvent } from '@wired/events'
import type { ClipFinished, ClipRequested, StreamEnded, StreamStarted } from '@wired/proto/twitch/v1/events'
import { type RunMode, waitFor } from '@wired/testkit'
import { streamKeys } from '../../src/shared/stream-key'
import { startTestStream, type TestStreamOptions } from '../../src/shared/test-stream'
import {
  ClipFinishedEvent,
  ClipRequestedEvent,
  StreamEndedEvent,
  StreamStartedEvent,
  twitchTopics,
} from '../../src/shared/topics'
import { bootTwitch } from './boot'
import { Http2Client } from './video-h2'

/** What the ingest's control answers (README, "RTMP ingest"): the few fields the tests read. */
export interface ControlReply {
  data?: {
    streams: Array<{ channel: string; streamId: string; startedAtMs: number; playable: boolean }>
    channel?: string
    streamId?: string
    reason?: string
  }
  errors?: Array<{ code: string; message: string }>
}

export type RunningVideo = Awaited<ReturnType<typeof bootVideo>>

/** A fresh channel name per test, so runs and modes never share a stream. */
export const newChannel = (prefix: string) => `${prefix}_${randomBytes(3).toString('hex')}`

/**
 * Twitch booted for the video tests, and what a streamer, a viewer and an operator have from
 * outside: stream keys (made with the deployment's secret, as the api makes them), ffmpeg test
 * publishers, the edge over HTTP/2, the ingest's control, the media dir, and the run's Kafka
 * topics (the twin embedded, kafkajs on real infra): stream events and clip results as they
 * arrive, and a way to produce clip jobs as the api does.
 */
export async function bootVideo(mode: RunMode, env: Record<string, string> = {}) {
  const twitch = await bootTwitch(mode, { env: { INGEST_IDLE_TIMEOUT_MS: '2000', ...env } })
  const events: EventLog =
    twitch.twins?.eventLog ??
    (await createKafkaEventLog({
      brokers: twitch.env.KAFKA_BROKERS!.split(','),
      clientId: `twitch-video-test-${randomBytes(3).toString('hex')}`,
    }))
  const topics = twitchTopics(twitch.env.KAFKA_TOPIC_PREFIX ?? '')
  const seen = { started: [] as StreamStarted[], ended: [] as StreamEnded[], clips: [] as ClipFinished[] }
  const subscription = await events.subscribe({
    groupId: `test-video-${randomBytes(4).toString('hex')}`,
    topics: [topics.streamEvents, topics.clipResults],
    fromBeginning: true,
    handler: async (record) => {
      const type = record.headers[EVENT_TYPE_HEADER]
      if (type === StreamStartedEvent.typeName) seen.started.push(decodeEvent(StreamStartedEvent, record))
      if (type === StreamEndedEvent.typeName) seen.ended.push(decodeEvent(StreamEndedEvent, record))
      if (type === ClipFinishedEvent.typeName) seen.clips.push(decodeEvent(ClipFinishedEvent, record))
    },
  })
  const keys = streamKeys(twitch.env.GRPC_SECRET!)
  const edge = new Http2Client(twitch.edgeUrl)
  const mediaDir = twitch.env.TWITCH_MEDIA_DIR!
  const ingestUrl = twitch.urls['ingest control']!
  const publishers: Array<Awaited<ReturnType<typeof startTestStream>>> = []

  return {
    ...twitch,
    keys,
    edge,
    mediaDir,
    seen,
    /** An ffmpeg publishing the test pattern to `rtmp://…/live/<key>`; stopped at the end of the run. */
    async publish(streamKey: string, options: Omit<TestStreamOptions, 'url'> = {}) {
      const publisher = await startTestStream({ url: `${twitch.rtmpUrl}/${streamKey}`, ...options })
      publishers.push(publisher)
      return publisher
    },
    started: (channel: string, timeoutMs = 30_000) =>
      waitFor(() => seen.started.find((event) => event.channel === channel), {
        timeoutMs,
        intervalMs: 50,
        what: `StreamStarted of ${channel}`,
      }),
    ended: (streamId: string, timeoutMs = 20_000) =>
      waitFor(() => seen.ended.find((event) => event.streamId === streamId), {
        timeoutMs,
        intervalMs: 50,
        what: `StreamEnded of ${streamId}`,
      }),
    clipFinished: (clipId: string, count = 1, timeoutMs = 30_000) =>
      waitFor(
        () => {
          const answers = seen.clips.filter((clip) => clip.clipId === clipId)
          return answers.length >= count ? answers : undefined
        },
        { timeoutMs, intervalMs: 100, what: `ClipFinished of ${clipId}` },
      ),
    requestClip: (job: ClipRequested) =>
      events.publish(topics.clipJobs, [{ key: job.channel, ...encodeEvent(ClipRequestedEvent, job) }]),
    /** The ingest's control api (internal, HTTP/JSON). */
    control: async (method: string, path: string) => {
      const response = await fetch(`${ingestUrl}${path}`, { method })
      return { status: response.status, body: (await response.json()) as ControlReply }
    },
    /** Stream folders on disk: a refused publish must not add one. */
    streamDirs: () => {
      try {
        return readdirSync(join(mediaDir, 'streams')).sort()
      } catch {
        return []
      }
    },
    stop: async () => {
      for (const publisher of publishers) await publisher.kill()
      edge.close()
      await subscription.stop()
      if (!twitch.twins?.eventLog) await events.close()
      await twitch.stop()
    },
  }
}
