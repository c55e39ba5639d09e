/**
 * The ingest's story for one publish: check the stream key → one publisher per channel → a new
 * stream id and its ffmpeg packager → StreamStarted once it is playable → watched for silence →
 * ended (closed, timeout, stopped): the packager stops, every playlist gets #EXT-X-ENDLIST (the
 * stream is now a VOD at the same URLs), then StreamEnded. Ended is published only after the
 * ENDLIST is on disk, so whoever hears it can offer the VOD at once.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { isAppError, type Logger } from '@wired/runtime'
import { streamKeys as mediaKeys, RENDITIONS } from '../../shared/media-paths'
import type { StreamKeys } from '../../shared/stream-key'
import type { HlsPackager } from '../adapters/hls-packager'
import type { PublisherConnection } from '../adapters/rtmp-server'
import type { StreamEventsPublisher } from '../adapters/stream-events.publisher'
import { type EndReason, endReasonOf, mayPublish } from '../domain/publish-rules'

export interface LiveStream {
  channel: string
  streamId: string
  startedAtMs: number
  playable: boolean
}

interface Running extends LiveStream {
  publisher: PublisherConnection
  /** Set at once in begin(), so a stream ended while ffmpeg is starting still stops it. */
  packager?: Promise<HlsPackager>
  lastBytes: number
  lastMediaAtMs: number
}

export class LiveStreams {
  private readonly live = new Map<string, Running>()
  private readonly ending = new Set<Promise<void>>()

  constructor(
    private readonly deps: {
      keys: StreamKeys
      mediaDir: string
      idleTimeoutMs: number
      /** rtmp://127.0.0.1:<port>/live/<key>: where the packager pulls the publish back from. */
      playbackUrlOf(streamKey: string): string
      startPackager(inputUrl: string, outDir: string): Promise<HlsPackager>
      /** Closes the packager's RTMP input, so it ends its playlists without waiting on a silent read. */
      endPlayback(streamKey: string): void
      events: StreamEventsPublisher
      logger: Logger
    },
  ) {}

  /** prePublish: may this connection publish? (A wrong key or a busy channel: no, and nothing is written.) */
  admit(publisher: PublisherConnection): boolean {
    let channel: string
    try {
      channel = this.deps.keys.verify(publisher.streamKey)
    } catch (error) {
      if (!isAppError(error)) throw error
      this.deps.logger.warn({ reason: error.message }, 'publish refused: stream key')
      return false
    }
    if (!mayPublish(new Set(this.live.keys()), channel)) {
      this.deps.logger.warn({ channel }, 'publish refused: the channel already has a publisher')
      return false
    }
    return true
  }

  /** The publish is on: a stream id, its packager, StreamStarted when the first segments exist. */
  async begin(publisher: PublisherConnection): Promise<void> {
    const channel = this.deps.keys.verify(publisher.streamKey)
    if (this.live.has(channel)) return publisher.close()
    const now = Date.now()
    const stream: Running = {
      channel,
      streamId: `s_${randomBytes(9).toString('base64url')}`,
      startedAtMs: now,
      playable: false,
      publisher,
      lastBytes: publisher.bytesIn(),
      lastMediaAtMs: now,
    }
    this.live.set(channel, stream)
    const outDir = join(this.deps.mediaDir, mediaKeys(stream.streamId).dir)
    stream.packager = this.deps.startPackager(this.deps.playbackUrlOf(publisher.streamKey), outDir)
    const packager = await stream.packager
    void packager.exited.then(() => {
      // An encoder that dies while the publisher streams (bad input) ends the stream too.
      if (this.live.get(channel) === stream) void this.end(channel, 'closed')
    })
    try {
      await packager.playable
    } catch {
      return // the packager died first: the exit handler above ends the stream
    }
    if (this.live.get(channel) !== stream) return
    stream.playable = true
    await this.deps.events.started(
      channel,
      stream.streamId,
      stream.startedAtMs,
      RENDITIONS.map((r) => r.name),
    )
    this.deps.logger.info({ channel, streamId: stream.streamId }, 'stream started')
  }

  /** Called every 250 ms: notes media arriving and ends streams that said goodbye or went quiet. */
  watch(nowMs = Date.now()): void {
    for (const stream of this.live.values()) {
      const bytes = stream.publisher.bytesIn()
      if (bytes > stream.lastBytes) {
        stream.lastBytes = bytes
        stream.lastMediaAtMs = nowMs
      }
      const state = {
        unpublished: stream.publisher.unpublished,
        disconnected: stream.publisher.disconnected,
        lastMediaAtMs: stream.lastMediaAtMs,
      }
      const reason = endReasonOf(state, nowMs, this.deps.idleTimeoutMs)
      if (reason) void this.end(stream.channel, reason)
    }
  }

  list(): LiveStream[] {
    return [...this.live.values()].map(({ channel, streamId, startedAtMs, playable }) => ({
      channel,
      streamId,
      startedAtMs,
      playable,
    }))
  }

  /** Ends the channel's stream; false if it had none. */
  async end(channel: string, reason: EndReason): Promise<boolean> {
    const stream = this.live.get(channel)
    if (!stream) return false
    this.live.delete(channel) // at once: the channel may publish again while this one winds down
    const ending = this.finish(stream, reason)
    this.ending.add(ending)
    await ending.finally(() => this.ending.delete(ending))
    return true
  }

  /** The service stops: every stream ends (reason stopped) and no ffmpeg outlives the ingest. */
  async endAll(): Promise<void> {
    await Promise.all([...this.live.keys()].map((channel) => this.end(channel, 'stopped')))
    await Promise.all([...this.ending])
  }

  private async finish(stream: Running, reason: EndReason): Promise<void> {
    if (!stream.publisher.disconnected) stream.publisher.close()
    this.deps.endPlayback(stream.publisher.streamKey)
    await (await stream.packager?.catch(() => undefined))?.stop()
    this.deps.logger.info({ channel: stream.channel, streamId: stream.streamId, reason }, 'stream ended')
    if (stream.playable) await this.deps.events.ended(stream.channel, stream.streamId, Date.now(), reason)
  }
}
