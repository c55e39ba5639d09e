/**
 * The ingest's rules, as pure decisions (the use case applies them; tests read them here).
 *
 *  - One publisher per channel: a second publish on a channel that is live is refused, and the
 *    first one goes on untouched (the stream key is shared by nobody but its owner, so a second
 *    publisher is a leaked key or a second OBS left running).
 *  - How a stream ends, StreamEnded.reason:
 *      closed   the publisher said goodbye (RTMP deleteStream, what OBS and ffmpeg send on stop)
 *               and closed its connection: ended at once;
 *      timeout  no media for INGEST_IDLE_TIMEOUT_MS, whether the connection is still open (a
 *               stalled uplink) or gone without a goodbye (OBS crashed, the laptop slept, kill -9):
 *               the stream is kept live that long in case it was a hiccup, then ended;
 *      stopped  by the streamer or a moderator over REST (or the ingest shutting down).
 */
export type EndReason = 'closed' | 'timeout' | 'stopped'

export interface PublisherState {
  /** The publisher sent deleteStream (a clean unpublish). */
  unpublished: boolean
  /** Its connection is closed. */
  disconnected: boolean
  lastMediaAtMs: number
}

export function mayPublish(liveChannels: ReadonlySet<string>, channel: string): boolean {
  return !liveChannels.has(channel)
}

export function endReasonOf(publisher: PublisherState, nowMs: number, idleTimeoutMs: number): EndReason | undefined {
  if (publisher.disconnected && publisher.unpublished) return 'closed'
  if (nowMs - publisher.lastMediaAtMs >= idleTimeoutMs) return 'timeout'
  return undefined
}
