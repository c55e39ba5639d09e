import { decodeEvent, EVENT_TYPE_HEADER, type EventLog, type IncomingRecord } from '@wired/events'
import { AppError, type Logger } from '@wired/runtime'
import { StreamEndedEvent, StreamStartedEvent } from '../../shared/topics'
import type { StreamRepository } from '../adapters/stream.repository'

/**
 * Group `twitch-api-streams` on twitch.stream-events (written by the ingest): the live list and
 * stream info are built from these. Offsets are committed after the handler (at-least-once), and
 * both writes are idempotent by stream id.
 */
export function consumeStreamEvents(
  eventLog: EventLog,
  topic: string,
  groupId: string,
  deps: { streams: StreamRepository; logger: Logger },
) {
  const handle = async (record: IncomingRecord) => {
    switch (record.headers[EVENT_TYPE_HEADER]) {
      case StreamStartedEvent.typeName: {
        const started = decodeEvent(StreamStartedEvent, record)
        await deps.streams.started(started)
        deps.logger.info({ channel: started.channel, streamId: started.streamId }, 'stream started')
        return
      }
      case StreamEndedEvent.typeName: {
        const ended = decodeEvent(StreamEndedEvent, record)
        await deps.streams.ended(ended)
        deps.logger.info({ channel: ended.channel, streamId: ended.streamId, reason: ended.reason }, 'stream ended')
        return
      }
      default:
        throw new AppError('INVALID_ARGUMENT', `unknown event type ${record.headers[EVENT_TYPE_HEADER]}`)
    }
  }
  return eventLog.subscribe({
    groupId,
    topics: [topic],
    fromBeginning: true,
    maxRetries: 8,
    retryBackoffMs: 100,
    handler: handle,
  })
}
